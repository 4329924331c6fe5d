package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"loket/kiosk"
	"loket/sync/hub"
)

// runTokens is `hub kiosk|staff add|revoke|list`: tokens are printed once, when made, and
// only their hash is stored, so a lost token is replaced, never recovered.
func runTokens(kind string, args []string, out io.Writer) error {
	usage := fmt.Errorf("usage: hub %s add|revoke NAME [-config FILE] | hub %s list", kind, kind)
	if len(args) < 1 {
		return usage
	}
	verb, rest := args[0], args[1:]
	name := ""
	if verb != "list" {
		if len(rest) < 1 {
			return usage
		}
		name, rest = rest[0], rest[1:]
	}
	fs := flag.NewFlagSet("hub "+kind+" "+verb, flag.ContinueOnError)
	load := configFlags(fs)
	if err := fs.Parse(rest); err != nil {
		return err
	}
	cfg, err := load()
	if err != nil {
		return err
	}
	role := hub.RoleStaff
	if kind == "kiosk" {
		role = hub.RoleKiosk
		if verb != "list" && !kiosk.ValidKioskCode(name) {
			return fmt.Errorf("kiosk id %q: use 2 to 6 capital letters and digits, without I, L, O or U, e.g. GNT01", name)
		}
	} else if verb != "list" && (name == "" || len(name) > 64) {
		return errors.New("give a staff name of 1 to 64 characters")
	}
	ctx := context.Background()
	store, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer store.Close()
	switch verb {
	case "add":
		token := hub.NewToken()
		if err := store.AddToken(ctx, hub.Token{Hash: hub.HashToken(token), Role: role, Subject: name, CreatedAt: time.Now()}); err != nil {
			return err
		}
		fmt.Fprintf(out, "%s\n", token)
		fmt.Fprintf(out, "# token for %s %s: shown only now; put it in the %s's config (hub.token or hub.token_file)\n", kind, name, kind)
		return nil
	case "revoke":
		n, err := store.RevokeTokens(ctx, role, name, time.Now())
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "revoked %d token(s) of %s %s\n", n, kind, name)
		return nil
	case "list":
		if kind != "kiosk" {
			return usage
		}
		kiosks, err := store.Kiosks(ctx)
		if err != nil {
			return err
		}
		for _, k := range kiosks {
			seen := "never"
			if k.LastSeen != nil {
				seen = k.LastSeen.Local().Format("2006-01-02 15:04")
			}
			queue := ""
			if k.Heartbeat != nil {
				queue = fmt.Sprintf("  queue %d, attention %d, version %s", k.Heartbeat.QueueLength, k.Heartbeat.Attention, k.Heartbeat.Version)
			}
			fmt.Fprintf(out, "%-8s last seen %s%s\n", k.ID, seen, queue)
		}
		return nil
	}
	return usage
}
