package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCatalogueCheckShipped(t *testing.T) {
	var out bytes.Buffer
	if err := runCatalogue([]string{"check", "../../assets/services"}, &out); err != nil {
		t.Fatalf("the shipped services pass: %v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "0 problem(s)") {
		t.Fatalf("output: %s", out.String())
	}
}

func TestCatalogueCheckReportsEveryProblem(t *testing.T) {
	dir := t.TempDir()
	good, err := os.ReadFile("../../assets/services/report-problem.toml")
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(string(good), `type = "longtext"`, `type = "essay"`, 1)
	bad = strings.Replace(bad, `id = "report-problem"`, `id = "Report Problem"`, 1)
	os.WriteFile(filepath.Join(dir, "good.toml"), good, 0o600)
	os.WriteFile(filepath.Join(dir, "bad.toml"), []byte(bad), 0o600)
	var out bytes.Buffer
	if err := runCatalogue([]string{"check", dir}, &out); err == nil {
		t.Fatal("a folder with a broken definition exits non-zero")
	}
	for _, want := range []string{filepath.Join(dir, "bad.toml") + ": id:", `"essay" is not one of`, "1 service(s) valid, 3 problem(s)"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

func TestCatalogueCheckUsage(t *testing.T) {
	if err := runCatalogue([]string{"check"}, &bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), "usage") {
		t.Fatalf("usage error, got %v", err)
	}
	if err := runCatalogue([]string{"check", "/no/such/dir"}, &bytes.Buffer{}); err == nil {
		t.Fatal("a missing folder is an error")
	}
}
