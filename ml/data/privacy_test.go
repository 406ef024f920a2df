package data

import (
	"strings"
	"testing"
)

func TestFramePseudonymise(t *testing.T) {
	f := mustFrame(t, "rep,email,x\n王伟,a@example.com,1\n李娜,b@example.com,2\n王伟,,3\n李娜,c@example.com,4\n")
	if got := PersonalColumns(f); strings.Join(got, ",") != "email" {
		t.Fatalf("PersonalColumns = %q, want email", got)
	}
	key := []byte("a key of 16 byte")
	g, err := f.Pseudonymise(key, "rep", "email")
	if err != nil {
		t.Fatal(err)
	}
	rep, _ := g.Strings("rep")
	email, _ := g.Strings("email")
	if rep[0] != rep[2] || rep[0] == rep[1] || rep[0] != Pseudonymise(key, "王伟") || !strings.HasPrefix(rep[0], "p_") {
		t.Errorf("rep tokens %q: equal values must share a token", rep)
	}
	if email[2] != "" || email[0] == "a@example.com" {
		t.Errorf("email tokens %q: missing stays missing, values are replaced", email)
	}
	if orig, _ := f.Strings("email"); orig[0] != "a@example.com" {
		t.Errorf("the original frame changed: %q", orig)
	}
	if len(PersonalColumns(g)) != 0 {
		t.Errorf("tokens still count as personal data: %q", PersonalColumns(g))
	}
	sub, err := g.Subset([]int{0, 1})
	if err != nil || len(PersonalColumns(sub)) != 0 {
		t.Errorf("a subset forgot the columns are tokens: %v, %v", PersonalColumns(sub), err)
	}
	if _, err := f.Pseudonymise([]byte("short"), "email"); err == nil || !strings.Contains(err.Error(), "at least 16") {
		t.Errorf("short key: %v", err)
	}
	if _, err := f.Pseudonymise(key, "nope"); err == nil || !strings.Contains(err.Error(), "nope") {
		t.Errorf("unknown column: %v", err)
	}
}
