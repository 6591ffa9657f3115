/*
 * ct_poison.h - mark data secret (undefined) or public (defined) for
 * valgrind memcheck. Under valgrind, any branch or memory address that
 * depends on a poisoned byte is reported and the test fails
 * (--error-exitcode=1). Outside valgrind the macros are no-ops, so the same
 * program also runs natively as a functional check.
 *
 * Declassify only what the protocol publishes: ciphertexts, public keys,
 * tags and verdicts, each with a comment saying why.
 */
#ifndef CT_POISON_H
#define CT_POISON_H

#if defined(CT_VALGRIND)
#include <valgrind/memcheck.h>
#define CT_SECRET(p, n) VALGRIND_MAKE_MEM_UNDEFINED((p), (n))
#define CT_PUBLIC(p, n) VALGRIND_MAKE_MEM_DEFINED((p), (n))
#define CT_UNDER_VALGRIND() RUNNING_ON_VALGRIND
#else
#define CT_SECRET(p, n) ((void)(p), (void)(n))
#define CT_PUBLIC(p, n) ((void)(p), (void)(n))
#define CT_UNDER_VALGRIND() 0
#endif

#endif
