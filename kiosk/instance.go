package kiosk

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
)

// ErrAlreadyRunning is returned by LockInstance while another kiosk uses the data folder.
var ErrAlreadyRunning = errors.New("another Loket kiosk is already running")

// instanceLockFile is the file in the data folder that LockInstance locks.
const instanceLockFile = "kiosk.lock"

// LockInstance makes sure one kiosk at a time runs on a data folder: two windows on one
// screen would let a citizen's session live on behind another, and two timers would race
// over the same drafts. It takes an flock on a file in dataDir, which the kernel releases
// when the process ends, however it ends: a crash or a power cut never leaves a stale lock.
// Headless commands (`kiosk pin set`) do not lock: SQLite lets them work beside the kiosk.
//
// release unlocks (calling it again does nothing); the file itself stays, since deleting it would let a third process lock
// a new file while a second still waits on the old one.
func LockInstance(dataDir string) (release func(), err error) {
	path := filepath.Join(dataDir, instanceLockFile)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("lock data folder %s: %w", dataDir, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		holder := lockHolder(f)
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("%w with data folder %s%s", ErrAlreadyRunning, dataDir, holder)
		}
		return nil, fmt.Errorf("lock data folder %s: %w", dataDir, err)
	}
	// The process id is for the person who reads the error above; nothing depends on it.
	if err := f.Truncate(0); err == nil {
		_, _ = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
			f.Close()
		})
	}, nil
}

// lockHolder names the process holding the lock, as written by LockInstance, or "".
func lockHolder(f *os.File) string {
	buf := make([]byte, 32)
	n, _ := f.ReadAt(buf, 0)
	pid, err := strconv.Atoi(string(bytes.TrimSpace(buf[:n])))
	if err != nil || pid <= 0 {
		return ""
	}
	return fmt.Sprintf(" (process %d)", pid)
}
