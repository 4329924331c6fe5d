package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"loket/kiosk"
)

const pinUsage = "usage: kiosk pin [-config FILE] set helper|staff"

// runPIN is `kiosk pin set helper|staff`: staff set or change a PIN from a shell on the
// kiosk, e.g. the first staff PIN, or a helper PIN after a helper left. It reads the new PIN
// twice from in, one per line, and works while the kiosk runs (SQLite takes turns).
//
// It opens only the config and the store, not load(): load purges unsaved drafts, which
// while the kiosk runs would be the draft of the citizen standing at it.
func runPIN(args []string, in io.Reader, out io.Writer) error {
	fs := flag.NewFlagSet("kiosk pin", flag.ContinueOnError)
	fs.SetOutput(out)
	config := fs.String("config", "", "config file (TOML); defaults are used when empty")
	if err := fs.Parse(args); err != nil {
		return err
	}
	rest := fs.Args()
	if len(rest) >= 2 { // flags may also follow: kiosk pin set helper -config FILE
		if err := fs.Parse(rest[2:]); err != nil {
			return err
		}
		if fs.NArg() > 0 {
			return errors.New(pinUsage)
		}
	}
	if len(rest) < 2 || rest[0] != "set" {
		return errors.New(pinUsage)
	}
	role, err := kiosk.ParseRole(rest[1])
	if err != nil {
		return fmt.Errorf("%w (%s)", err, pinUsage)
	}
	cfg, err := readConfig(*config)
	if err != nil {
		return err // before the PIN is typed twice for nothing
	}
	pin, err := readNewPIN(in, out, role)
	if err != nil {
		return err
	}
	store, err := openStore(cfg) // not load: its start-up housekeeping is the kiosk's
	if err != nil {
		return err
	}
	defer store.Close()
	if err := store.SetPIN(context.Background(), role, pin); err != nil {
		return err
	}
	fmt.Fprintf(out, "The %s PIN is set.\n", role)
	return nil
}

// readNewPIN asks for the PIN twice and checks it before anything is stored, so a weak or
// mistyped PIN is refused with its reason and no database is opened for nothing.
func readNewPIN(in io.Reader, out io.Writer, role kiosk.Role) (string, error) {
	lines := bufio.NewScanner(in)
	ask := func(prompt string) (string, error) {
		fmt.Fprint(out, prompt)
		if !lines.Scan() {
			if err := lines.Err(); err != nil {
				return "", fmt.Errorf("read PIN: %w", err)
			}
			return "", errors.New("read PIN: no input")
		}
		return strings.TrimSpace(lines.Text()), nil
	}
	pin, err := ask(fmt.Sprintf("New %s PIN (4 to 8 digits): ", role))
	if err != nil {
		return "", err
	}
	if err := kiosk.CheckPINStrength(pin); err != nil {
		return "", err
	}
	again, err := ask("The same PIN again: ")
	if err != nil {
		return "", err
	}
	if again != pin {
		return "", errors.New("the two PINs differ; nothing was changed")
	}
	return pin, nil
}
