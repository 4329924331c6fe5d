package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"syscall"

	"loket/assets"
	"loket/sync/hub"
)

// openStore opens the store the config chooses: PostgreSQL when a DSN is set, else SQLite.
func openStore(ctx context.Context, cfg hub.Config) (hub.Store, error) {
	if cfg.PostgresDSN != "" {
		return hub.OpenPostgres(ctx, cfg.PostgresDSN)
	}
	return hub.OpenSQLite(cfg.Database)
}

// configFlags adds the flags every subcommand shares and returns a loader for the result.
func configFlags(fs *flag.FlagSet) func() (hub.Config, error) {
	path := fs.String("config", "", "config file (TOML); defaults are used when empty")
	listen := fs.String("listen", "", "host:port to listen on (overrides the config)")
	db := fs.String("db", "", "SQLite database file (overrides the config)")
	return func() (hub.Config, error) {
		cfg, err := hub.LoadConfig(*path)
		if err != nil {
			return cfg, err
		}
		if *listen != "" {
			cfg.Listen = *listen
		}
		if *db != "" {
			cfg.Database = *db
		}
		return cfg, cfg.Check()
	}
}

func runServe(args []string) error {
	fs := flag.NewFlagSet("hub", flag.ContinueOnError)
	load := configFlags(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg, err := load()
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	store, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer store.Close()
	cat, problems := hub.LoadCatalogue(assets.Services(), cfg.ServicesDir)
	for _, p := range problems {
		log.Warn("catalogue: skipped a definition", "problem", p.String())
	}
	srv := hub.NewServer(hub.Options{Store: store, Catalogue: cat, Location: cfg.Location(), Logger: log})
	return cfg.Serve(ctx, srv.Handler(), func(addr net.Addr) {
		scheme := "http"
		if cfg.TLSCert != "" {
			scheme = "https"
		}
		log.Info("hub listening", "url", fmt.Sprintf("%s://%s", scheme, addr), "catalogue", cat.Wire.Version,
			"services", len(cat.Wire.Services), "postgres", cfg.PostgresDSN != "")
	})
}
