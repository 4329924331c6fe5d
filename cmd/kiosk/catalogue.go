package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"loket/kiosk"
)

// errProblems makes the command exit non-zero after it printed the problems.
var errProblems = errors.New("the definitions have problems (see above)")

// runCatalogue is `kiosk catalogue check DIR`: for the municipal staff who write service
// definitions, every problem with file and field, and a non-zero exit on any.
func runCatalogue(args []string, out io.Writer) error {
	if len(args) != 2 || args[0] != "check" {
		return errors.New("usage: kiosk catalogue check DIR")
	}
	dir := args[1]
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return fmt.Errorf("%s is not a folder", dir)
	}
	services, problems := kiosk.LoadDir(os.DirFS(dir), ".")
	for _, p := range problems {
		p.File = filepath.Join(dir, p.File)
		fmt.Fprintln(out, p.String())
	}
	fmt.Fprintf(out, "%d service(s) valid, %d problem(s)\n", len(services), len(problems))
	if len(problems) > 0 {
		return errProblems
	}
	if len(services) == 0 {
		return fmt.Errorf("no service definitions (*.toml) in %s", dir)
	}
	return nil
}
