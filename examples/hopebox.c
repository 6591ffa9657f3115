/*
 * hopebox.c - the hopebox command: the seed projects' programs (a hybrid
 * key-exchange demo, an eavesdropping demo, key files, a TCP chat, a UDP
 * client/server with retries, a rendezvous with UDP hole punching) over
 * the hopebox library and POSIX sockets. See examples/README.md.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "hopebox.h"

static const char usage[] =
"usage: hopebox COMMAND [OPTIONS]   (--quiet anywhere: no progress lines)\n"
"\n"
"  demo                      nhx (NewHope + X25519) between Alice and Bob, step by step\n"
"  eavesdrop-demo            Alice, Bob and Oscar: plain text, sealed box, channel\n"
"  keygen --out FILE         new X25519 key file (previous one kept as FILE.bak)\n"
"  pubkey FILE               print the public key of a key file (hex)\n"
"  seal --to PUBKEYHEX [--hex]   seal stdin to a public key (libsodium sealed box)\n"
"  open --key FILE [--hex]   open a sealed box read from stdin\n"
"  chat --listen HOST:PORT [--key FILE] [--sessions N] [--timeout S]\n"
"  chat --connect HOST:PORT [--pin PUBKEYHEX] [--timeout S]\n"
"                            TCP chat over nhx: stdin lines out, peer lines to stdout\n"
"  udp-server --listen HOST:PORT [--psk HEX] [--key FILE] [--loss F] [--seed N] [--timeout S]\n"
"  udp-client --connect HOST:PORT [--psk HEX] [--pin PUBKEYHEX] [--loss F] [--seed N]\n"
"                            channel over UDP; the server echoes every record\n"
"  rendezvous --listen HOST:PORT [--timeout S]\n"
"  peer --rendezvous HOST:PORT --name NAME --meet NAME [--message TEXT] [--key FILE]\n"
"       [--pin PUBKEYHEX] [--loss F] [--seed N] [--timeout S]\n"
"                            meet a peer, punch through with UDP, nhx, one message each way\n"
"  help                      this text\n";

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
};

static const struct command commands[] = {
	{"demo", cmd_demo},
	{"eavesdrop-demo", cmd_eavesdrop_demo},
	{"keygen", cmd_keygen},
	{"pubkey", cmd_pubkey},
	{"seal", cmd_seal},
	{"open", cmd_open},
	{"chat", cmd_chat},
	{"udp-server", cmd_udp_server},
	{"udp-client", cmd_udp_client},
	{"rendezvous", cmd_rendezvous},
	{"peer", cmd_peer},
};

int main(int argc, char **argv)
{
	size_t i;
	int j, n = 0;

	if (argc < 2 || strcmp(argv[1], "help") == 0 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0) {
		fputs(usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	/* --quiet / -q anywhere after the command name */
	for (j = 2; j < argc; j++) {
		if (strcmp(argv[j], "--quiet") == 0 || strcmp(argv[j], "-q") == 0)
			cli_verbose = 0;
		else
			argv[2 + n++] = argv[j];
	}
	signal(SIGPIPE, SIG_IGN); /* a closed connection is an error return, not a signal */
	for (i = 0; i < sizeof commands / sizeof commands[0]; i++) {
		if (strcmp(argv[1], commands[i].name) == 0) {
			cli_cmd = commands[i].name;
			if (hbox_selftest() != 0)
				cli_fail("the hopebox self-test failed: this build is broken");
			return commands[i].run(n, argv + 2);
		}
	}
	cli_cmd = argv[1];
	cli_fail("unknown command (see: hopebox help)");
}
