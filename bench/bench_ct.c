/* Bench: constant-time compare (the cost every tag check pays). */
#include "bench.h"
#include "hopebox.h"

static void run_verify32(void *ctx, size_t len)
{
	const uint8_t *p = ctx;
	(void)len;
	bench_sink(&(int){hbox_verify32(p, p + 32)}, sizeof(int));
}

void bench_ct(struct bench *b)
{
	uint8_t buf[64] = {0};
	if (bench_want(b, "verify32"))
		bench_row(b, "verify32", 0, bench_run(b, run_verify32, buf, 0));
}
