// Command kiosk runs Loket: the touch-screen kiosk (the default), and the headless commands
// that staff and scripts use beside it.
//
//	kiosk [-config loket.toml] [-window]        start the kiosk (full screen unless -window)
//	kiosk catalogue check DIR                   check service definitions, print every problem
//	kiosk pin [-config FILE] set helper|staff   set or change a PIN (typed twice)
//	kiosk sync status|now|retry [-config FILE]  what waits for the hub; send it now
//	kiosk export -config FILE -from DATE -to DATE [-service ID] -out FILE.pdf
//	kiosk reprint -config FILE REFERENCE        print a receipt again, marked as a copy
//	kiosk printer status -config FILE           is the receipt printer ready?
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
		case "pin":
			return runPIN(args[1:], os.Stdin, os.Stdout)
		case "sync":
			return runSync(args[1:])
		case "export":
			return runExport(args[1:])
		case "reprint":
			return runReprint(args[1:])
		case "printer":
			return runPrinterStatus(args[1:])
		}
	}
	return runKiosk(args)
}
