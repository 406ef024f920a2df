package data

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"strconv"
	"testing"
	"time"
)

// randomID returns a valid 18-character resident ID with a birth date
// between 1930 and 2020.
func randomID(rng *rand.Rand) string {
	region := 110000 + rng.IntN(800000)
	birth := time.Date(1930, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(90*365))
	first17 := fmt.Sprintf("%06d%s%03d", region, birth.Format("20060102"), rng.IntN(1000))
	return first17 + string(ResidentIDCheckChar(first17))
}

// frameOf builds a frame of one column.
func frameOf(t *testing.T, name string, cells ...string) *Frame {
	t.Helper()
	rows := make([][]string, len(cells))
	for i, c := range cells {
		rows[i] = []string{c}
	}
	f, err := NewFrame([]string{name}, rows, nil)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestIDNumberByHand(t *testing.T) {
	// The standard's worked example: 11010519491231002 has check char X.
	for _, s := range []string{"11010519491231002X", "11010519491231002x", "110105491231002"} {
		if !isIDNumber(s) {
			t.Errorf("%s: want a valid ID number", s)
		}
	}
	for _, s := range []string{
		"110105194912310021", // wrong check character
		"110105194902300020", // 30 February
		"11010519491231002",  // 17 characters
		"01010519491231002X", // region starts with 0
		"110105491331002",    // month 13 in the old form
		"ABCDEFGHIJKLMNOPQR",
	} {
		if isIDNumber(s) {
			t.Errorf("%s: want invalid", s)
		}
	}
}

func TestIDNumberProperty(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var valid, broken []string
	for range 500 {
		id := randomID(rng)
		if !isIDNumber(id) {
			t.Fatalf("%s: generated ID not recognised", id)
		}
		// Any other check character must be refused.
		var changed string
		for _, c := range []byte("0123456789X") {
			if c == id[17] {
				continue
			}
			wrong := id[:17] + string(c)
			if isIDNumber(wrong) {
				t.Fatalf("%s (check changed from %c): want invalid", wrong, id[17])
			}
			if changed == "" || rng.IntN(3) == 0 {
				changed = wrong
			}
		}
		broken = append(broken, changed)
		valid = append(valid, id)
	}
	got := DetectPersonal(frameOf(t, "证件", valid...))
	if got["证件"] != PersonalIDNumber {
		t.Errorf("valid IDs: got %v", got)
	}
	if got := DetectPersonal(frameOf(t, "证件", broken...)); len(got) != 0 {
		t.Errorf("IDs with a changed check digit: got %v, want nothing", got)
	}
}

func TestDetectPersonalPatterns(t *testing.T) {
	cases := []struct {
		header string
		cells  []string
		want   Personal // "" for not personal
	}{
		{"contact_info", []string{"li.wei@example.cn", "a+b@mail.co.uk", "NA", "x@y.org"}, PersonalEmail},
		{"mobile", []string{"13800138000", "+86 139-1234-5678", "0086 15012345678", "186 0000 1111"}, PersonalPhone},
		{"tel", []string{"+44 20 7946 0958", "+1 (415) 555-2671", "+8613800138000", "not given"}, PersonalPhone},
		// Half matching is enough; one stray match is not.
		{"mixed", []string{"a@b.com", "c@d.com", "n/a", "none", "x", "y"}, ""},
		{"mixed", []string{"a@b.com", "c@d.com", "none", "x"}, PersonalEmail},
		{"amount", []string{"12.5", "300", "13800138000.5", "-13800138000", "7"}, ""},
		{"sku", []string{"SKU-10023", "P-13800", "A1-B2", "1380013800"}, ""},
		{"order", []string{"10000000001", "10000000002", "10000000003"}, ""}, // 11 digits, not 1[3-9]
		{"code", []string{"123456789012345", "223456789012345"}, ""},         // 15 digits, month 90
		{"note", []string{"email me at a@b.com", "call 13800138000 please"}, ""},
	}
	for _, c := range cases {
		got := DetectPersonal(frameOf(t, c.header, c.cells...))
		if c.want == "" {
			if len(got) != 0 {
				t.Errorf("%s %q: got %v, want nothing", c.header, c.cells, got)
			}
			continue
		}
		if got[c.header] != c.want || len(got) != 1 {
			t.Errorf("%s %q: got %v, want %s", c.header, c.cells, got, c.want)
		}
	}
}

func TestDetectPersonalHeaders(t *testing.T) {
	names := []string{"姓名", "名字", "客户姓名", "联系人", "员工姓名", "Name", "FULL NAME", "first_name",
		"Last-Name", "customer name", "CustomerName", "contact", "surname"}
	notNames := []string{"product name", "company_name", "filename", "age", "城市", "产品名称", "username_count"}
	header := append(append([]string{}, names...), notNames...)
	row := make([]string, len(header))
	for i := range row {
		row[i] = strconv.Itoa(i)
	}
	f, err := NewFrame(header, [][]string{row, row}, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]Personal{}
	for _, n := range names {
		want[n] = PersonalName
	}
	if got := DetectPersonal(f); !maps.Equal(got, want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
	if got := DetectPersonal(nil); len(got) != 0 {
		t.Errorf("nil frame: %v", got)
	}
}

func TestPseudonymise(t *testing.T) {
	// RFC 4231 test case 2: HMAC-SHA-256("Jefe", "what do ya want for nothing?").
	if got := Pseudonymise([]byte("Jefe"), "what do ya want for nothing?"); got != "p_5bdcc146bf60754e" {
		t.Errorf("got %s", got)
	}
	a := Pseudonymise([]byte("k1"), "13800138000")
	if b := Pseudonymise([]byte("k1"), "13800138000"); a != b {
		t.Errorf("not stable: %s, %s", a, b)
	}
	if b := Pseudonymise([]byte("k2"), "13800138000"); a == b {
		t.Errorf("another key gives the same token %s", a)
	}
	if b := Pseudonymise([]byte("k1"), "13800138001"); a == b {
		t.Errorf("another value gives the same token %s", a)
	}
	if len(a) != 18 {
		t.Errorf("token %q: want p_ and 16 hex digits", a)
	}
}
