package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"loket/kiosk"
)

// pinConfig writes a config whose data folder is in a temporary directory.
func pinConfig(t *testing.T) (config, dataDir string) {
	t.Helper()
	dir := t.TempDir()
	dataDir = filepath.Join(dir, "data")
	config = filepath.Join(dir, "loket.toml")
	if err := os.WriteFile(config, fmt.Appendf(nil, "[kiosk]\nid = \"TST01\"\ndata_dir = %q\n", dataDir), 0o600); err != nil {
		t.Fatal(err)
	}
	return config, dataDir
}

func TestPINSetCommand(t *testing.T) {
	config, dataDir := pinConfig(t)
	var out bytes.Buffer
	if err := runPIN([]string{"-config", config, "set", "staff"}, strings.NewReader("739164\n739164\n"), &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "The staff PIN is set.") || strings.Contains(out.String(), "739164") {
		t.Fatalf("output: %q", out.String())
	}
	// Flags after the role work too, and Windows line ends are no part of the PIN.
	if err := runPIN([]string{"set", "helper", "-config", config}, strings.NewReader("2580\r\n2580\r\n"), &out); err != nil {
		t.Fatal(err)
	}

	s, err := kiosk.OpenStore(filepath.Join(dataDir, "kiosk.db"), kiosk.StoreOptions{KioskCode: "TST01"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for role, pin := range map[kiosk.Role]string{kiosk.RoleStaff: "739164", kiosk.RoleHelper: "2580"} {
		if res, err := s.CheckPIN(context.Background(), role, pin); err != nil || res.Status != kiosk.PINOK {
			t.Fatalf("%s PIN set by the command: %+v %v", role, res, err)
		}
	}
}

func TestPINSetCommandRefuses(t *testing.T) {
	config, dataDir := pinConfig(t)
	for _, c := range []struct {
		args  []string
		input string
		want  string
	}{
		{[]string{"-config", config, "set", "staff"}, "739164\n739165\n", "the two PINs differ"},
		{[]string{"-config", config, "set", "staff"}, "1234\n1234\n", "too easy to guess"},
		{[]string{"-config", config, "set", "staff"}, "12\n12\n", "4 to 8 digits"},
		{[]string{"-config", config, "set", "staff"}, "739164\n", "no input"},
		{[]string{"-config", config, "set", "admin"}, "739164\n739164\n", `unknown role`},
		{[]string{"-config", config, "reset", "staff"}, "", "usage: kiosk pin"},
		{[]string{"set"}, "", "usage: kiosk pin"},
		{[]string{"-config", filepath.Join(t.TempDir(), "missing.toml"), "set", "staff"}, "739164\n739164\n", "config"},
	} {
		err := runPIN(c.args, strings.NewReader(c.input), &bytes.Buffer{})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v with %q: %v, want %q", c.args, c.input, err, c.want)
		}
	}
	if _, err := os.Stat(filepath.Join(dataDir, "kiosk.db")); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("a refused PIN opens no database: %v", err)
	}
}
