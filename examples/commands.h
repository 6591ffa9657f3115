/*
 * commands.h - the subcommands of the hopebox program. Each takes the
 * arguments after its name and returns the exit status (or exits through
 * cli_fail on an error).
 */
#ifndef HOPEBOX_COMMANDS_H
#define HOPEBOX_COMMANDS_H

int cmd_demo(int argc, char **argv);          /* demo.c */
int cmd_eavesdrop_demo(int argc, char **argv); /* demo.c */
int cmd_keygen(int argc, char **argv);        /* keys.c */
int cmd_pubkey(int argc, char **argv);        /* keys.c */
int cmd_seal(int argc, char **argv);          /* keys.c */
int cmd_open(int argc, char **argv);          /* keys.c */
int cmd_chat(int argc, char **argv);          /* chat.c */
int cmd_udp_server(int argc, char **argv);    /* udp.c */
int cmd_udp_client(int argc, char **argv);    /* udp.c */
int cmd_rendezvous(int argc, char **argv);    /* rendezvous.c */
int cmd_peer(int argc, char **argv);          /* rendezvous.c */

#endif
