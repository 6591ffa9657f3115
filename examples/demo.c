/*
 * demo.c - hopebox demo and hopebox eavesdrop-demo: in one process, no
 * sockets; every step printed on stdout.
 *
 * demo: the nhx exchange (PROTOCOLS.md section 1) between Alice (the
 * initiator) and Bob (the responder), the seed NewHope_X25519_XSalsa20_
 * Poly1305's example.py made sound, then records both ways.
 *
 * eavesdrop-demo: the Alice/Bob/Oscar project on a simulated broadcast
 * network where Oscar sees every packet and may alter it: plain text
 * (Oscar reads it), the seed's key transport of a word redone as a sealed
 * box (Oscar cannot open it, nor confirm a guess), the sealed-box key
 * transport of PROTOCOLS.md section 4, then channel records (Oscar cannot
 * read them; his altered and replayed copies are rejected).
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "hopebox.h"

/* "label: first n bytes in hex..." (n = len when short) */
static void show(const char *indent, const char *label, const uint8_t *b, size_t len)
{
	char hex[2 * 32 + 1];
	size_t n = len < 32 ? len : 16;

	cli_hex_encode(hex, b, n);
	printf("%s%-22s %s%s (%zu bytes)\n", indent, label, hex, n < len ? "..." : "", len);
}

static void check(int ok, const char *what)
{
	if (!ok)
		cli_fail("%s failed", what);
}

static void demo_record(hbox_channel *from, hbox_channel *to, const char *who_from,
                        const char *who_to, const char *text)
{
	uint8_t rec[128], pt[128];
	size_t len = strlen(text);

	check(hbox_channel_seal(from, rec, (const uint8_t *)text, len) == 0, "seal");
	printf("%s -> %s  record: \"%s\"\n", who_from, who_to, text);
	show("    ", "0x23 || counter", rec, HBOX_RECORD_HEADERBYTES);
	show("    ", "ciphertext || tag", rec + HBOX_RECORD_HEADERBYTES,
	     len + HBOX_RECORD_OVERHEAD - HBOX_RECORD_HEADERBYTES);
	check(hbox_channel_open(to, pt, rec, len + HBOX_RECORD_OVERHEAD) == 0, "open");
	printf("    %s reads: \"%.*s\"\n", who_to, (int)len, (const char *)pt);
}

int cmd_demo(int argc, char **argv)
{
	static hbox_nhx alice, bob;
	static uint8_t init[HBOX_NHX_INIT_BYTES], resp[HBOX_NHX_RESP_BYTES];
	uint8_t bob_pk[32], bob_sk[32], hello[HBOX_NHX_HELLO_BYTES], fin[HBOX_NHX_FIN_BYTES];
	uint8_t pre_a[HBOX_NHX_PREKEYBYTES], pre_b[HBOX_NHX_PREKEYBYTES];
	uint8_t id_a[HBOX_SESSION_ID_BYTES], id_b[HBOX_SESSION_ID_BYTES];
	hbox_channel ch_a, ch_b;

	(void)argv;
	if (argc != 0)
		cli_fail("demo takes no options");
	printf("hopebox demo: nhx = NewHope (post-quantum) + X25519, with a 32-byte prekey chunk\n"
	       "sealed to Bob's key; every message is bound into a transcript hash and the keys\n"
	       "are confirmed by MACs both ways.\n\n");
	check(hbox_box_keypair(bob_pk, bob_sk) == 0, "key pair");
	show("", "Bob's public key", bob_pk, 32);

	check(hbox_nhx_responder_init(&bob, bob_sk, NULL) == 0, "responder init");
	check(hbox_nhx_write_hello(&bob, hello) == 0, "HELLO");
	printf("\n1. Bob -> Alice  HELLO, %zu bytes = 0x10 || Bob's public key\n", sizeof hello);
	/* Alice pins the key she was given out of band: then HELLO must match. */
	check(hbox_nhx_initiator_init(&alice, bob_pk, NULL) == 0, "initiator init");
	check(hbox_nhx_read_hello(&alice, hello, sizeof hello) == 0, "HELLO check");
	printf("   Alice pinned Bob's key beforehand: the HELLO matches it\n");

	check(hbox_nhx_write_init(&alice, init) == 0, "INIT");
	printf("\n2. Alice -> Bob  INIT, %zu bytes = 0x11 || epk_A || NewHope senda || sealed chunk\n",
	       sizeof init);
	show("   ", "epk_A (X25519)", init + 1, 32);
	show("   ", "senda (poly || seed)", init + 33, HBOX_NEWHOPE_SENDABYTES);
	show("   ", "seal(chunk, pk_Bob)", init + 33 + HBOX_NEWHOPE_SENDABYTES, 80);

	check(hbox_nhx_read_init(&bob, resp, init, sizeof init) == 0, "INIT processing");
	printf("\n3. Bob opens the sealed chunk, runs NewHope sharedb and X25519 with a fresh key;\n"
	       "   keys = HKDF(nh_key || chunk || dh, transcript)\n");
	printf("   Bob -> Alice  RESP, %zu bytes = 0x12 || epk_B || NewHope sendb || confirm('R')\n",
	       sizeof resp);
	show("   ", "epk_B (X25519)", resp + 1, 32);
	show("   ", "sendb (poly || rec)", resp + 33, HBOX_NEWHOPE_SENDBBYTES);
	show("   ", "confirm('R')", resp + 33 + HBOX_NEWHOPE_SENDBBYTES, 32);

	check(hbox_nhx_read_resp(&alice, fin, &ch_a, pre_a, resp, sizeof resp) == 0, "RESP check");
	printf("\n4. Alice runs NewHope shareda and X25519, checks confirm('R'): OK\n");
	printf("   Alice -> Bob  FIN, %zu bytes = 0x13 || confirm('I')\n", sizeof fin);
	show("   ", "confirm('I')", fin + 1, 32);
	check(hbox_nhx_read_fin(&bob, &ch_b, pre_b, fin, sizeof fin) == 0, "FIN check");
	printf("   Bob checks confirm('I'): OK\n");

	printf("\nprekey (the seed's 64-byte value) = NewHope key || chunk:\n");
	show("   ", "Alice: NewHope key", pre_a, 32);
	show("   ", "Alice: chunk", pre_a + 32, 32);
	show("   ", "Bob:   NewHope key", pre_b, 32);
	show("   ", "Bob:   chunk", pre_b + 32, 32);
	check(memcmp(pre_a, pre_b, sizeof pre_a) == 0, "prekey agreement");
	hbox_channel_session_id(id_a, &ch_a);
	hbox_channel_session_id(id_b, &ch_b);
	check(memcmp(id_a, id_b, sizeof id_a) == 0, "session id agreement");
	show("", "confirmed session id", id_a, 32);
	printf("   (the same on both sides; Alice's and Bob's prekeys are equal)\n\n");

	demo_record(&ch_a, &ch_b, "Alice", "Bob", "Hello Bob, this is Alice.");
	demo_record(&ch_b, &ch_a, "Bob", "Alice", "Hi Alice! Post-quantum greetings.");
	demo_record(&ch_a, &ch_b, "Alice", "Bob", "Second record: counter 1.");

	hbox_channel_close(&ch_a);
	hbox_channel_close(&ch_b);
	hbox_wipe(bob_sk, sizeof bob_sk);
	hbox_wipe(pre_a, sizeof pre_a);
	hbox_wipe(pre_b, sizeof pre_b);
	return 0;
}

/* ------------------------------------------------------------ eavesdrop */

/* The simulated network: everything sent is printed as Oscar sees it. */
static void wire(const char *from, const char *to, const uint8_t *b, size_t len, int text)
{
	printf("   [network] %s -> %s, %zu bytes. Oscar records: ", from, to, len);
	if (text) {
		printf("\"%.*s\"\n", (int)len, (const char *)b);
	} else {
		char hex[2 * 24 + 1];
		size_t n = len < 24 ? len : 24;

		cli_hex_encode(hex, b, n);
		printf("%s%s\n", hex, n < len ? "..." : "");
	}
}

int cmd_eavesdrop_demo(int argc, char **argv)
{
	static const char word[] = "victory";
	static const char secret_text[] = "the key is victory";
	uint8_t bob_pk[32], bob_sk[32], oscar_pk[32], oscar_sk[32];
	uint8_t sealed[sizeof word - 1 + HBOX_BOX_SEALBYTES], guess[sizeof sealed];
	uint8_t opened[sizeof word - 1], msg[HBOX_SEAL_MSG_BYTES], rec[64], pt[64];
	hbox_static_hs alice_hs, bob_hs, oscar_hs;
	hbox_channel ch_a, ch_b, ch_o;
	const char *note = "meet at noon";
	size_t nlen = strlen(note), rlen = nlen + HBOX_RECORD_OVERHEAD;

	(void)argv;
	if (argc != 0)
		cli_fail("eavesdrop-demo takes no options");
	printf("hopebox eavesdrop-demo: Alice talks to Bob on a broadcast network;\n"
	       "Oscar sees every packet and can alter and replay them.\n\n");
	check(hbox_box_keypair(bob_pk, bob_sk) == 0 && hbox_box_keypair(oscar_pk, oscar_sk) == 0,
	      "key pairs");

	printf("1. Plain text\n   Alice -> Bob: \"%s\"\n", secret_text);
	wire("Alice", "Bob", (const uint8_t *)secret_text, strlen(secret_text), 1);
	printf("   Oscar knows the key word now.\n\n");

	printf("2. The seed's key transport, done with a sealed box to Bob's public key\n");
	show("   ", "Bob's public key", bob_pk, 32);
	check(hbox_box_seal(sealed, (const uint8_t *)word, sizeof word - 1, bob_pk) == 0, "seal");
	printf("   Alice seals \"%s\" to Bob's public key\n", word);
	wire("Alice", "Bob", sealed, sizeof sealed, 0);
	printf("   Oscar tries to open it with his own key: %s\n",
	       hbox_box_seal_open(opened, sealed, sizeof sealed, oscar_pk, oscar_sk) == 0
	           ? "OPENED (bug!)" : "fails");
	check(hbox_box_seal(guess, (const uint8_t *)word, sizeof word - 1, bob_pk) == 0, "seal");
	printf("   Oscar seals his guess \"%s\" to Bob's key and compares (the attack on the\n"
	       "   seed's unpadded RSA): %s\n", word,
	       memcmp(guess, sealed, sizeof sealed) == 0 ? "EQUAL (bug!)"
	                                                 : "different (every seal uses a fresh key)");
	check(hbox_box_seal_open(opened, sealed, sizeof sealed, bob_pk, bob_sk) == 0, "seal open");
	printf("   Bob opens it: \"%.*s\"\n\n", (int)sizeof opened, (const char *)opened);

	printf("3. Key transport for a channel (seal handshake, 0x43): a random 32-byte secret\n");
	check(hbox_seal_init(&alice_hs, HBOX_ROLE_I, bob_pk, NULL) == 0 &&
	      hbox_seal_write(&alice_hs, &ch_a, msg) == 0, "seal handshake");
	wire("Alice", "Bob", msg, sizeof msg, 0);
	check(hbox_seal_init(&oscar_hs, HBOX_ROLE_R, oscar_sk, NULL) == 0, "Oscar init");
	printf("   Oscar tries it with his key: %s\n",
	       hbox_seal_read(&oscar_hs, &ch_o, msg, sizeof msg) == 0 ? "OPENED (bug!)"
	       : cli_hbox_error(hbox_static_hs_last_error(&oscar_hs)));
	check(hbox_seal_init(&bob_hs, HBOX_ROLE_R, bob_sk, NULL) == 0 &&
	      hbox_seal_read(&bob_hs, &ch_b, msg, sizeof msg) == 0, "Bob's seal read");
	printf("   Bob opens it: Alice and Bob share channel keys Oscar does not have\n\n");
	/* Oscar may deliver records in any order: datagram mode drops a bad
	 * record and keeps the channel. */
	hbox_channel_set_mode(&ch_b, HBOX_CHANNEL_DATAGRAM);

	printf("4. Channel records (ChaCha20-Poly1305, counters, replay window)\n");
	check(hbox_channel_seal(&ch_a, rec, (const uint8_t *)note, nlen) == 0, "record");
	printf("   Alice -> Bob: \"%s\"\n", note);
	wire("Alice", "Bob", rec, rlen, 0);
	printf("   Oscar reads: nothing but ciphertext.\n");
	rec[HBOX_RECORD_HEADERBYTES] ^= 0x01; /* "meet" -> another word, if it were read */
	printf("   Oscar flips one bit and delivers his copy first. Bob: %s\n",
	       hbox_channel_open(&ch_b, pt, rec, rlen) == 0
	           ? "ACCEPTED (bug!)" : cli_hbox_error(hbox_channel_last_error(&ch_b)));
	rec[HBOX_RECORD_HEADERBYTES] ^= 0x01;
	check(hbox_channel_open(&ch_b, pt, rec, rlen) == 0, "genuine record");
	printf("   The genuine record arrives. Bob reads: \"%.*s\"\n", (int)nlen, (const char *)pt);
	printf("   Oscar replays the genuine record. Bob: %s\n",
	       hbox_channel_open(&ch_b, pt, rec, rlen) == 0
	           ? "ACCEPTED (bug!)" : cli_hbox_error(hbox_channel_last_error(&ch_b)));
	demo_record(&ch_b, &ch_a, "Bob", "Alice", "noon it is");
	printf("\nOscar learned the plain text of part 1 only.\n");

	hbox_channel_close(&ch_a);
	hbox_channel_close(&ch_b);
	hbox_static_hs_wipe(&alice_hs);
	hbox_static_hs_wipe(&bob_hs);
	hbox_static_hs_wipe(&oscar_hs);
	hbox_wipe(bob_sk, sizeof bob_sk);
	hbox_wipe(oscar_sk, sizeof oscar_sk);
	return 0;
}
