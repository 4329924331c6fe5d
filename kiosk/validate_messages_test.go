package kiosk_test

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// validationMessages reads one language's messages for refused answers.
func validationMessages(t testing.TB, lang string) map[string]string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "assets", "translations", "validation", lang+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]string
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("%s.json: %v", lang, err)
	}
	return m
}

// refusalCodes finds every invalid(code, args...) call in the package's source (the
// validators and the step rules in answer.go) and returns each code with its number of
// args, so a new code cannot ship without words in every language.
func refusalCodes(t *testing.T) map[string]int {
	t.Helper()
	files, _ := filepath.Glob("*.go")
	codes := map[string]int{}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			if fn, ok := call.Fun.(*ast.Ident); !ok || fn.Name != "invalid" {
				return true
			}
			lit, ok := call.Args[0].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				t.Errorf("%s: invalid() needs a literal code, so this test can see it", fset.Position(call.Pos()))
				return true
			}
			code, _ := strconv.Unquote(lit.Value)
			if n, seen := codes[code]; seen && n != len(call.Args)-1 {
				t.Errorf("%s: invalid(%q) with %d args, elsewhere %d", fset.Position(call.Pos()), code, len(call.Args)-1, n)
			}
			codes[code] = len(call.Args) - 1
			return true
		})
	}
	if len(codes) < 20 {
		t.Fatalf("found only %d codes in %v: has the source moved?", len(codes), files)
	}
	return codes
}

var placeholder = regexp.MustCompile(`\{(\d+)\}`)

func TestValidationTranslations(t *testing.T) {
	codes := refusalCodes(t)
	nl := validationMessages(t, "nl")
	for _, lang := range []string{"nl", "fr", "en"} {
		msgs := validationMessages(t, lang)
		if !slices.Equal(slices.Sorted(maps.Keys(msgs)), slices.Sorted(maps.Keys(nl))) {
			t.Errorf("%s.json and nl.json have different keys", lang)
		}
		for code, nargs := range codes {
			msg := msgs["invalid."+code]
			if strings.TrimSpace(msg) == "" {
				t.Errorf("%s.json: no message for invalid.%s: add one to assets/translations/validation", lang, code)
				continue
			}
			used := map[int]bool{}
			for _, m := range placeholder.FindAllStringSubmatch(msg, -1) {
				i, _ := strconv.Atoi(m[1])
				used[i] = true
				if i >= nargs {
					t.Errorf("%s.json: invalid.%s uses {%d}, but the code has %d args", lang, code, i, nargs)
				}
			}
			for i := range nargs {
				if !used[i] {
					t.Errorf("%s.json: invalid.%s does not show {%d}", lang, code, i)
				}
			}
		}
	}
}
