// Command kiosk runs Loket: the touch-screen kiosk (the default), and the headless commands
// that staff and scripts use beside it.
//
//	kiosk [-config loket.toml]                  start the kiosk, full screen
//	kiosk [-config FILE] -window                start it in a window (development)
//	kiosk catalogue check DIR                   check service definitions, print every problem
//	kiosk screenshots -out DIR                  walk through the screens and save PNGs (Xvfb)
package main

import (
	"fmt"
	"os"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "kiosk:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "catalogue":
			return runCatalogue(args[1:], os.Stdout)
		case "screenshots":
			return runScreenshots(args[1:])
		}
	}
	return runKiosk(args)
}
