package main
import (
 _ "fyne.io/fyne/v2/app"
 _ "fyne.io/fyne/v2/test"
 _ "fyne.io/fyne/v2/widget"
 _ "github.com/mattn/go-sqlite3"
 _ "github.com/skip2/go-qrcode"
 _ "github.com/BurntSushi/toml"
)
func main(){}
