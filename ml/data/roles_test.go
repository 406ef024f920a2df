package data

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// colsFrame builds a frame from named columns of cell text, all the same length.
func colsFrame(t *testing.T, schema Schema, cols ...any) *Frame {
	t.Helper()
	var names []string
	var data [][]string
	for i := 0; i < len(cols); i += 2 {
		names = append(names, cols[i].(string))
		data = append(data, cols[i+1].([]string))
	}
	rows := make([][]string, len(data[0]))
	for r := range rows {
		rows[r] = make([]string, len(data))
		for c := range data {
			rows[r][c] = data[c][r]
		}
	}
	f, err := NewFrame(names, rows, schema)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// cells makes n cells from a function of the row index.
func cells(n int, cell func(i int) string) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = cell(i)
	}
	return out
}

// rolesFrame is a 40-row table with a column of every role.
func rolesFrame(t *testing.T) *Frame {
	const n = 40
	perm := rand.New(rand.NewPCG(3, 4)).Perm(n)
	return colsFrame(t, Schema{"signup": Date},
		"customer_id", cells(n, func(i int) string { return strconv.Itoa(5000 + perm[i]) }),
		"row", cells(n, func(i int) string { return strconv.Itoa(i + 1) }),
		"year", cells(n, func(i int) string { return strconv.Itoa(1981 + i) }),
		"income", cells(n, func(i int) string { return strconv.FormatFloat(1000.5+float64(perm[i])*3.7, 'f', 2, 64) }),
		"visits", cells(n, func(i int) string { return strconv.Itoa(perm[i]) }),
		"order_code", cells(n, func(i int) string { return fmt.Sprintf("A%04d", perm[i]) }),
		"comment", cells(n, func(i int) string {
			return fmt.Sprintf("customer %d said the delivery was late but the product itself was fine", i)
		}),
		"region", cells(n, func(i int) string { return []string{"north", "south", "east", "west"}[i%4] }),
		"member", cells(n, func(i int) string { return []string{"yes", "no"}[i%3%2] }),
		"country", cells(n, func(int) string { return "CN" }),
		"empty", cells(n, func(int) string { return "" }),
		"email", cells(n, func(i int) string { return fmt.Sprintf("user%d@example.com", i) }),
		"姓名", cells(n, func(i int) string { return []string{"张三", "李四", "王五"}[i%3] }),
		"订单号", cells(n, func(i int) string { return strconv.Itoa(900000 + 7*perm[i]) }),
		"signup", cells(n, func(i int) string { return fmt.Sprintf("2024-01-%02d", 1+i%28) }),
		"buys", cells(n, func(i int) string { return strconv.Itoa(i % 2) }),
	)
}

func TestInferRoles(t *testing.T) {
	f := rolesFrame(t)
	roles, err := InferRoles(f, "buys")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]Role{
		"customer_id": RoleIdentifier, "row": RoleIdentifier, "year": RoleFeature, "income": RoleFeature,
		"visits": RoleFeature, "order_code": RoleIdentifier, "comment": RoleFreeText, "region": RoleFeature,
		"member": RoleFeature, "country": RoleConstant, "empty": RoleConstant, "email": RolePersonal,
		"姓名": RolePersonal, "订单号": RoleIdentifier, "signup": RoleDate, "buys": RoleTarget,
	}
	if len(roles) != len(want) {
		t.Fatalf("%d roles, want %d", len(roles), len(want))
	}
	for i, c := range roles {
		if c.Column != f.Names()[i] {
			t.Errorf("role %d is for %q, want frame order (%q)", i, c.Column, f.Names()[i])
		}
		if c.Role != want[c.Column] {
			t.Errorf("%s: role %s (%s), want %s", c.Column, c.Role, c.Reason, want[c.Column])
		}
		if c.Reason == "" || c.ReasonZH == "" || strings.Contains(c.Reason, "\n") {
			t.Errorf("%s: reasons %q / %q", c.Column, c.Reason, c.ReasonZH)
		}
		if k, _ := f.Kind(c.Column); k != c.Kind {
			t.Errorf("%s: kind %s, want %s", c.Column, c.Kind, k)
		}
	}
	if got := roles.Features(); !slices.Equal(got, []string{"year", "income", "visits", "region", "member"}) {
		t.Errorf("Features: %v", got)
	}
	if got := roles.Of(RolePersonal); !slices.Equal(got, []string{"email", "姓名"}) {
		t.Errorf("Of(personal): %v", got)
	}
	if p := roles[slices.IndexFunc(roles, func(c ColumnRole) bool { return c.Column == "email" })]; p.Personal != PersonalEmail ||
		p.Reason != "personal data (email): 40 of 40 values match" {
		t.Errorf("email: %+v", p)
	}
	if c := roles[slices.IndexFunc(roles, func(c ColumnRole) bool { return c.Column == "order_code" })]; c.Reason != "identifier: 40 distinct values in 40 rows" ||
		c.ReasonZH != "标识列：40 行中有 40 个不同值" {
		t.Errorf("order_code: %q / %q", c.Reason, c.ReasonZH)
	}

	text := roles.Text()
	for _, s := range []string{"column", "customer_id", "free_text", "5 of 16 columns used as features, 1 through derived date features, 9 set aside"} {
		if !strings.Contains(text, s) {
			t.Errorf("Text lacks %q:\n%s", s, text)
		}
	}
	// The role column lines up, Chinese headers included (two columns per character).
	lines := strings.Split(text, "\n")
	at := fieldColumn(lines[0], 2)
	for _, l := range lines[1 : len(roles)+1] {
		if col := fieldColumn(l, 2); col != at {
			t.Errorf("role at column %d, want %d: %q", col, at, l)
		}
	}
}

func TestInferRolesEdges(t *testing.T) {
	// Few rows: unique values are normal, not identifiers.
	f := colsFrame(t, nil, "code", []string{"a", "b", "c", "d"}, "n", []string{"1", "2", "3", "4"})
	roles, err := InferRoles(f, "")
	if err != nil {
		t.Fatal(err)
	}
	if got := roles.Features(); !slices.Equal(got, []string{"code", "n"}) {
		t.Errorf("small frame features: %v (%v)", got, roles)
	}
	if _, err := InferRoles(f, "nope"); err == nil || !strings.Contains(err.Error(), "nope") {
		t.Errorf("unknown target: %v", err)
	}
	if _, err := InferRoles(nil, ""); err == nil {
		t.Error("nil frame: no error")
	}
	// A numeric ID with a missing value, and a decreasing counter, are features.
	g := colsFrame(t, nil,
		"id", cells(30, func(i int) string {
			if i == 3 {
				return ""
			}
			return strconv.Itoa(i)
		}),
		"countdown", cells(30, func(i int) string { return strconv.Itoa(100 - i) }),
		"CustomerID", cells(30, func(i int) string { return strconv.Itoa(30 - i) }),
	)
	roles, _ = InferRoles(g, "")
	if got := roles.Features(); !slices.Equal(got, []string{"id", "countdown"}) {
		t.Errorf("features: %v", got)
	}
	if got := roles.Of(RoleIdentifier); !slices.Equal(got, []string{"CustomerID"}) {
		t.Errorf("identifiers: %v", got)
	}
}

func TestHeaderTokens(t *testing.T) {
	for h, want := range map[string]bool{
		"id": true, "ID": true, "customer_id": true, "CustomerID": true, "Order No.": true, "product code": true,
		"编号": true, "客户编号": true, "订单号": true, "paid": false, "valid": false, "notes": false, "number of kids": false,
	} {
		if got := looksLikeIDHeader(h); got != want {
			t.Errorf("%q: %v, want %v (tokens %q)", h, got, want, headerTokens(h))
		}
	}
}

// fieldColumn is the display column at which the n-th (from 0)
// space-separated field of line starts.
func fieldColumn(line string, n int) int {
	inField, seen := false, -1
	for i, r := range line {
		if r != ' ' && !inField {
			seen++
			if seen == n {
				return displayWidth(line[:i])
			}
		}
		inField = r != ' '
	}
	return -1
}
