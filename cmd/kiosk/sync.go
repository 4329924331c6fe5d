package main

import (
	"context"
	"errors"
	"os"
	"os/signal"
	"strings"

	"loket/sync/outbox"
)

// runSync is `kiosk sync status|now|retry [-config FILE]`: the outbox for staff at a
// terminal, beside (or without) the running kiosk. The queue is in the kiosk's database,
// so this sees exactly what the kiosk sees.
func runSync(args []string) error {
	config, rest, err := takeConfigFlag(args)
	if err != nil {
		return err
	}
	s, err := load(config)
	if err != nil {
		return err
	}
	defer s.store.Close()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	return outbox.RunSyncCommand(ctx, rest, os.Stdout, s.store, s.cfg)
}

// takeConfigFlag removes -config FILE (or -config=FILE) from anywhere in args, so that it
// can come before or after the subcommand and its own flags.
func takeConfigFlag(args []string) (string, []string, error) {
	var config string
	var rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || name != "config" {
			rest = append(rest, a)
			continue
		}
		if !hasValue {
			if i+1 >= len(args) {
				return "", nil, errors.New("-config needs a file")
			}
			i++
			value = args[i]
		}
		config = value
	}
	return config, rest, nil
}
