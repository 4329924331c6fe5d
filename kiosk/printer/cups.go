package printer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"time"
)

// cups talks to CUPS through its command-line client (lp, lpstat, cancel): the interface
// every Linux distribution ships and every printer driver works with, and the one staff
// already know. Commands run with LC_ALL=C so their answers can be parsed.
type cups struct {
	queue   string   // "" means the system default
	options []string // lp -o options
	poll    time.Duration
}

// run runs a CUPS client command. A missing command is NoSpooler.
func run(ctx context.Context, stdin []byte, name string, args ...string) (string, error) {
	path, err := exec.LookPath(name)
	if err != nil {
		return "", &Error{Problem: NoSpooler, Detail: name + " not found", Err: err}
	}
	cmd := exec.CommandContext(ctx, path, args...)
	cmd.Env = append(os.Environ(), "LC_ALL=C", "LANG=C")
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	out, err := cmd.CombinedOutput()
	return strings.TrimSpace(string(out)), err
}

// queueState is what lpstat says about a queue.
type queueState struct {
	name      string
	enabled   bool
	accepting bool
	message   string // lpstat's words, for staff
}

func (s queueState) ready() bool { return s.enabled && s.accepting }

var defaultLine = regexp.MustCompile(`system default destination: (\S+)`)

// destination returns the queue to print to: the configured one, else the default.
func (c *cups) destination(ctx context.Context) (string, error) {
	if c.queue != "" {
		return c.queue, nil
	}
	out, err := run(ctx, nil, "lpstat", "-d")
	if err != nil {
		return "", c.classify(ctx, "", out, err)
	}
	if m := defaultLine.FindStringSubmatch(out); m != nil {
		return m[1], nil
	}
	if !c.schedulerRunning(ctx) {
		return "", &Error{Problem: NoCUPS, Detail: out}
	}
	return "", &Error{Problem: NoPrinter, Detail: "no printer is set as the system default; set printer.queue"}
}

// state asks CUPS whether the queue is enabled and accepting jobs.
func (c *cups) state(ctx context.Context) (queueState, error) {
	name, err := c.destination(ctx)
	if err != nil {
		return queueState{}, err
	}
	out, err := run(ctx, nil, "lpstat", "-p", name, "-a", name)
	if err != nil {
		return queueState{name: name}, c.classify(ctx, name, out, err)
	}
	st := queueState{name: name, message: strings.Join(strings.Fields(out), " ")}
	for _, line := range strings.Split(out, "\n") {
		switch {
		case strings.HasPrefix(line, "printer "+name+" "):
			st.enabled = !strings.Contains(line, " disabled")
		case strings.HasPrefix(line, name+" accepting requests"):
			st.accepting = true
		}
	}
	return st, nil
}

// classify turns a failed CUPS command into a Problem.
func (c *cups) classify(ctx context.Context, name, out string, err error) error {
	var pe *Error
	switch {
	case errors.As(err, &pe):
		return err
	case ctx.Err() != nil:
		return &Error{Problem: Stuck, Printer: name, Detail: "CUPS did not answer in time", Err: ctx.Err()}
	case !c.schedulerRunning(ctx):
		return &Error{Problem: NoCUPS, Printer: name, Detail: out, Err: err}
	case strings.Contains(out, "not accepting"):
		return &Error{Problem: PrinterOff, Printer: name, Detail: out, Err: err}
	case strings.Contains(out, "Invalid destination") || strings.Contains(out, "does not exist") ||
		strings.Contains(out, "Unknown destination"):
		return &Error{Problem: NoPrinter, Printer: name, Detail: out, Err: err}
	}
	return &Error{Problem: Failed, Printer: name, Detail: out, Err: err}
}

func (c *cups) schedulerRunning(ctx context.Context) bool {
	out, err := run(ctx, nil, "lpstat", "-r")
	return err == nil && strings.Contains(out, "is running") && !strings.Contains(out, "not running")
}

var requestID = regexp.MustCompile(`request id is (\S+)`)

// send checks the queue, hands the document to lp and returns the CUPS job id. A disabled
// queue is refused here rather than left to CUPS, which would hold the job and print it
// whenever staff re-enable the printer: a receipt, or a copy full of personal data, would
// come out for nobody, or for the next citizen.
//
// media is the paper the document was laid out for; an operator's own media option
// (printer.options) wins.
func (c *cups) send(ctx context.Context, title string, data []byte, raw bool, media string) (string, error) {
	st, err := c.state(ctx)
	if err != nil {
		return "", err
	}
	if !st.ready() {
		return "", &Error{Problem: PrinterOff, Printer: st.name, Detail: st.message}
	}
	args := []string{"-d", st.name, "-t", title}
	if raw {
		args = append(args, "-o", "raw")
	}
	ownMedia := false
	for _, o := range c.options {
		args = append(args, "-o", o)
		ownMedia = ownMedia || strings.HasPrefix(o, "media=")
	}
	if media != "" && !ownMedia {
		args = append(args, "-o", "media="+media)
	}
	out, err := run(ctx, data, "lp", args...) // the document on standard input: no temp file
	if err != nil {
		return "", c.classify(ctx, st.name, out, err)
	}
	m := requestID.FindStringSubmatch(out)
	if m == nil {
		return "", &Error{Problem: Failed, Printer: st.name, Detail: "lp gave no job id: " + out}
	}
	return m[1], nil
}

// wait returns when the job has left the queue (printed), or cancels it when ctx ends
// first: a job that outlives its citizen must not come out later.
func (c *cups) wait(ctx context.Context, queue, job string) error {
	tick := time.NewTicker(c.poll)
	defer tick.Stop()
	for {
		out, err := run(ctx, nil, "lpstat", "-o", queue)
		if err == nil && !hasJob(out, job) {
			return nil
		}
		select {
		case <-ctx.Done():
			return c.giveUp(queue, job)
		case <-tick.C:
		}
	}
}

func hasJob(lpstatOut, job string) bool {
	for _, line := range strings.Split(lpstatOut, "\n") {
		if f := strings.Fields(line); len(f) > 0 && f[0] == job {
			return true
		}
	}
	return false
}

// giveUp cancels a job that did not print in time and says why, from the queue's state.
func (c *cups) giveUp(queue, job string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	out, err := run(ctx, nil, "cancel", job)
	detail := "job " + job + " cancelled"
	if err != nil {
		detail = fmt.Sprintf("job %s could not be cancelled: %s", job, out)
	}
	if st, err := c.state(ctx); err == nil {
		if !st.ready() {
			return &Error{Problem: PrinterOff, Printer: queue, Detail: detail + "; " + st.message}
		}
		detail += "; " + st.message
	}
	return &Error{Problem: Stuck, Printer: queue, Detail: detail}
}
