package outbox

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"loket/kiosk"
)

// CatalogueFileName is the file in the kiosk's data folder that keeps the catalogue pulled
// from the hub.
const CatalogueFileName = "hub-catalogue.json"

// FromConfig returns the Options for a kiosk's config: the hub's address, the token (from
// hub.token or hub.token_file), a client trusting hub.ca_file, and the catalogue file in
// the data folder. The caller may set more (Version, Printer, OnCatalogue, Logger) before New.
func FromConfig(store *kiosk.Store, cfg kiosk.Config) (Options, error) {
	if cfg.Hub.URL == "" {
		return Options{}, errors.New("no hub configured (hub.url): submissions stay queued on this kiosk")
	}
	token, err := cfg.Hub.ReadToken()
	if err != nil {
		return Options{}, err
	}
	client, err := NewClient(cfg.Hub)
	if err != nil {
		return Options{}, err
	}
	return Options{Store: store, URL: cfg.Hub.URL, Token: token, Client: client,
		CatalogueFile: filepath.Join(cfg.Kiosk.DataDir, CatalogueFileName)}, nil
}

// RunSyncCommand is `kiosk sync status|now|retry`, for staff at a terminal and for scripts:
//
//	kiosk sync status [-json]    what is waiting, what needs attention, the last error
//	kiosk sync now               send the queue now, ignoring any backoff
//	kiosk sync retry [REFERENCE] queue again what needs attention (all, or one), then send
func RunSyncCommand(ctx context.Context, args []string, out io.Writer, store *kiosk.Store, cfg kiosk.Config) error {
	usage := errors.New("usage: kiosk sync status [-json] | now | retry [REFERENCE]")
	if len(args) == 0 {
		return usage
	}
	switch args[0] {
	case "status":
		fs := flag.NewFlagSet("kiosk sync status", flag.ContinueOnError)
		fs.SetOutput(out)
		asJSON := fs.Bool("json", false, "print JSON")
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		st, err := ReadStatus(ctx, store)
		if err != nil {
			return err
		}
		if *asJSON {
			enc := json.NewEncoder(out)
			enc.SetIndent("", "  ")
			return enc.Encode(st)
		}
		if cfg.Hub.URL == "" {
			fmt.Fprintln(out, "hub:                none configured (hub.url); submissions stay on this kiosk")
		} else {
			fmt.Fprintf(out, "hub:                %s\n", cfg.Hub.URL)
		}
		st.Write(out, time.Now())
		return nil
	case "now", "retry":
		if len(args) > 2 || (args[0] == "now" && len(args) > 1) {
			return usage
		}
		opts, err := FromConfig(store, cfg)
		if err != nil {
			return err
		}
		ob, err := New(opts)
		if err != nil {
			return err
		}
		if args[0] == "retry" {
			ref := ""
			if len(args) == 2 {
				ref = args[1]
			}
			n, err := ob.Retry(ctx, ref)
			if err != nil {
				return err
			}
			fmt.Fprintf(out, "queued again: %d\n", n)
		}
		n, err := ob.SyncNow(ctx)
		fmt.Fprintf(out, "sent now: %d\n", n)
		st, serr := ob.Status(ctx)
		if serr == nil {
			st.Write(out, time.Now())
		}
		if err != nil {
			return fmt.Errorf("sync: %w", err)
		}
		return serr
	}
	return usage
}
