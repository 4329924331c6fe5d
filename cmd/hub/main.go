// Command hub runs the municipal hub that Loket kiosks send their submissions to, and
// manages who may talk to it.
//
//	hub [serve] [-config hub.toml] [-listen ADDR] [-db FILE]   run the hub (the default)
//	hub kiosk add ID [-config hub.toml]                         register a kiosk, print its token once
//	hub kiosk revoke ID                                         revoke every token of a kiosk
//	hub kiosk list                                              kiosks and when each was last seen
//	hub staff add NAME | hub staff revoke NAME                  tokens for staff (exports, help requests)
//
// With no config file it listens on 127.0.0.1:8440 with SQLite in loket-hub.db (docs/api.md).
package main

import (
	"fmt"
	"os"
	_ "time/tzdata" // Europe/Brussels on a server without a time-zone database
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "hub:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "serve":
			return runServe(args[1:])
		case "kiosk", "staff":
			return runTokens(args[0], args[1:], os.Stdout)
		}
	}
	return runServe(args)
}
