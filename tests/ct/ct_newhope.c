/*
 * Constant time: NewHope keygen, sharedb and shareda with every secret
 * poisoned: the noise seeds (Alice's and Bob's), the secret key and
 * everything derived from them.
 *
 * Public, hence declassified: the seed of the polynomial a (gen_a's
 * rejection sampling branches on its SHAKE output, as it may), the messages
 * senda and sendb once produced (they go on the wire), and the return codes
 * (the verdict of the range checks). The shared keys are declassified only
 * at the end, to compare them (test-only).
 *
 * The random-source forms run with a source that returns poisoned bytes,
 * except the first 32 of keygen's 64-byte draw, which are the public seed
 * (a test-side rule that relies on keygen drawing seed || noise seed).
 */
#include <string.h>

#include "ct_poison.h"
#include "hopebox.h"
#include "testutil.h"

static int poisoning_rng(uint8_t *out, size_t len)
{
	int rc = tu_det_randombytes(out, len);
	if (len == HBOX_NEWHOPE_KEYGEN_COINBYTES)
		CT_SECRET(out + 32, len - 32); /* out[0..32) is the public seed */
	else
		CT_SECRET(out, len);
	return rc;
}

static uint8_t senda[HBOX_NEWHOPE_SENDABYTES], sendb[HBOX_NEWHOPE_SENDBBYTES];
static uint8_t sk[HBOX_NEWHOPE_SKBYTES];

static void exchange_derand(void)
{
	uint8_t coins[96], ka[32], kb[32];
	int rc;

	tu_rand_bytes(coins, sizeof coins);
	CT_SECRET(coins + 32, 64); /* both noise seeds; coins[0..32) is public */

	rc = hbox_newhope_keygen_derand(senda, sk, coins);
	CT_PUBLIC(&rc, sizeof rc);
	CHECK(rc == 0);
	CT_PUBLIC(senda, sizeof senda); /* Alice's message */

	rc = hbox_newhope_sharedb_derand(kb, sendb, senda, coins + 64);
	CT_PUBLIC(&rc, sizeof rc);
	CHECK(rc == 0);
	CT_PUBLIC(sendb, sizeof sendb); /* Bob's message */

	CT_SECRET(sk, sizeof sk); /* already derived from secrets; make it explicit */
	rc = hbox_newhope_shareda(ka, sk, sendb);
	CT_PUBLIC(&rc, sizeof rc);
	CHECK(rc == 0);

	CT_PUBLIC(ka, sizeof ka); /* test-only: compare the keys */
	CT_PUBLIC(kb, sizeof kb);
	CHECK_EQ_BYTES(ka, kb, 32);
}

static void exchange_random(void)
{
	uint8_t ka[32], kb[32];
	int rc;

	hbox_set_randombytes(poisoning_rng);
	rc = hbox_newhope_keygen(senda, sk);
	CT_PUBLIC(&rc, sizeof rc);
	CHECK(rc == 0);
	CT_PUBLIC(senda, sizeof senda);
	rc = hbox_newhope_sharedb(kb, sendb, senda);
	CT_PUBLIC(&rc, sizeof rc);
	CHECK(rc == 0);
	CT_PUBLIC(sendb, sizeof sendb);
	rc = hbox_newhope_shareda(ka, sk, sendb);
	CT_PUBLIC(&rc, sizeof rc);
	CHECK(rc == 0);
	hbox_set_randombytes(NULL);

	CT_PUBLIC(ka, sizeof ka);
	CT_PUBLIC(kb, sizeof kb);
	CHECK_EQ_BYTES(ka, kb, 32);
}

/* An out-of-range secret key is rejected without branching on it. */
static void invalid_sk(void)
{
	uint8_t key[32];
	int rc;

	CT_PUBLIC(sk, sizeof sk);
	sk[0] = 0xFF; /* coefficient 0 becomes 0x3F.. >= q */
	sk[1] |= 0x3F;
	CT_SECRET(sk, sizeof sk);
	rc = hbox_newhope_shareda(key, sk, sendb);
	CT_PUBLIC(&rc, sizeof rc);
	CHECK(rc == -1);
	CT_PUBLIC(key, sizeof key);
	CHECK(tu_is_zero(key, sizeof key));
}

int main(void)
{
	int i, pass;
	for (pass = 0; pass < 2; pass++) {
		hbox_cpu_override(pass == 0 ? HBOX_CPU_ALL : 0u);
		for (i = 0; i < 2; i++)
			exchange_derand();
		exchange_random();
		invalid_sk();
	}
	hbox_cpu_override(HBOX_CPU_ALL);
	return tu_report("ct_newhope");
}
