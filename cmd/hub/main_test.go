package main

import (
	"bytes"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"loket/sync/hub/hubtest"
	"loket/sync/wire"
)

// The hub as its operators run it: provision a kiosk's token, start the program, take a
// submission, stop it with SIGTERM (a clean exit), list the kiosks.
func TestHubProgram(t *testing.T) {
	if args := os.Getenv("LOKET_HUB_CHILD_ARGS"); args != "" {
		if err := run(strings.Fields(args)); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	db := filepath.Join(t.TempDir(), "hub.db")
	var out bytes.Buffer
	if err := run([]string{"kiosk", "add", "GNT0I"}); err == nil {
		t.Fatal("a kiosk id with an I is accepted")
	}
	if err := runTokens("kiosk", []string{"add", "GNT01", "-db", db}, &out); err != nil {
		t.Fatal(err)
	}
	token := strings.SplitN(out.String(), "\n", 2)[0]
	if !strings.HasPrefix(token, "lkt_") || !strings.Contains(out.String(), "shown only now") {
		t.Fatalf("kiosk add printed %q", out.String())
	}
	if err := run([]string{"-listen", "0.0.0.0:8440", "-db", db}); err == nil || !strings.Contains(err.Error(), "loopback") {
		t.Fatalf("plain HTTP on every interface: %v", err)
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHubProgram$")
	cmd.Env = append(os.Environ(), "LOKET_HUB_CHILD_ARGS=serve -db "+db+" -listen "+addr)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	url := "http://" + addr
	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := http.Get(url + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("the hub never became healthy: %v\n%s", err, stderr.String())
		}
		time.Sleep(20 * time.Millisecond) // polling interval
	}
	sub := hubtest.Submission(t, hubtest.Catalogue(t, "").Services, "GNT01", "general-question", 1)
	req, _ := http.NewRequest("POST", url+wire.PathSubmissions, bytes.NewReader(sub.Encode()))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(wire.HeaderIdempotencyKey, hubtest.Key())
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != 201 {
		t.Fatalf("submission: %v %v", resp, err)
	}
	resp.Body.Close()
	_ = cmd.Process.Signal(syscall.SIGTERM)
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("the hub did not stop cleanly: %v\n%s", err, stderr.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the hub did not stop on SIGTERM")
	}
	if strings.Contains(stderr.String(), sub.Answers["topic"]+"\"") || strings.Contains(stderr.String(), token) {
		t.Fatalf("the log holds a token or an answer:\n%s", stderr.String())
	}
	out.Reset()
	if err := runTokens("kiosk", []string{"list", "-db", db}, &out); err != nil || !strings.Contains(out.String(), "GNT01") {
		t.Fatalf("kiosk list: %v %q", err, out.String())
	}
	out.Reset()
	if err := runTokens("kiosk", []string{"revoke", "GNT01", "-db", db}, &out); err != nil || !strings.Contains(out.String(), "revoked 1") {
		t.Fatalf("kiosk revoke: %v %q", err, out.String())
	}
}
