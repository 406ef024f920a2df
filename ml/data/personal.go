package data

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"strings"
	"time"
	"unicode"
)

// Personal is a kind of personal data a column may hold.
type Personal string

const (
	// PersonalEmail is an e-mail address (local@domain.tld).
	PersonalEmail Personal = "email"
	// PersonalPhone is a telephone number: a mainland China mobile
	// (1[3-9] and 9 more digits) with an optional +86 or 0086 prefix, or an
	// international number written +CC… with 8 to 15 digits in all. Spaces,
	// dashes, dots and parentheses between digits are ignored.
	PersonalPhone Personal = "phone"
	// PersonalIDNumber is a PRC resident identity number: 18 characters
	// with a valid birth date (YYYYMMDD at positions 7–14) and the
	// GB 11643-1999 check character, or the old 15-digit form with a valid
	// birth date (YYMMDD at positions 7–12, 19YY).
	PersonalIDNumber Personal = "id_number"
	// PersonalName is a person's name, recognised by the column header
	// (姓名, 名字, 客户姓名, 联系人, name, full name, first name, last name,
	// customer name, contact, …), not by the values.
	PersonalName Personal = "name"
)

// PersonalMatchShare is the share of a column's non-missing cells that must
// match one pattern (e-mail, phone or ID number) for DetectPersonal to flag
// it: at least half. A column of mostly e-mails with a few typos is still a
// column of e-mails, while a column where a stray cell happens to look like
// a phone number is not.
const PersonalMatchShare = 0.5

var (
	emailPattern = regexp.MustCompile(`^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}$`)
	// cnMobilePattern is a mainland mobile after separators are removed.
	cnMobilePattern = regexp.MustCompile(`^(\+86|0086)?1[3-9][0-9]{9}$`)
	// intlPhonePattern is E.164: a plus, a country code not starting with 0,
	// 8 to 15 digits in all.
	intlPhonePattern = regexp.MustCompile(`^\+[1-9][0-9]{7,14}$`)
	// phoneSeparators may appear between a phone number's digits.
	phoneSeparators = strings.NewReplacer(" ", "", "-", "", ".", "", "(", "", ")", "", "\u00a0", "")
)

// isEmail reports whether s is an e-mail address.
func isEmail(s string) bool { return emailPattern.MatchString(s) }

// isPhone reports whether s is a mainland mobile or an international number.
func isPhone(s string) bool {
	// A separator must sit between digits: "13-8001-38000" is a phone,
	// "-13800138000" (a negative number) is not.
	if s == "" || strings.HasPrefix(s, "-") || strings.HasSuffix(s, "-") {
		return false
	}
	compact := phoneSeparators.Replace(s)
	return cnMobilePattern.MatchString(compact) || intlPhonePattern.MatchString(compact)
}

// idWeights are the GB 11643-1999 weights of the first 17 characters,
// 2^(18−i) mod 11.
var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

// idCheckChars maps the weighted sum mod 11 to the check character.
const idCheckChars = "10X98765432"

// ResidentIDCheckChar returns the check character (0–9 or X) of a PRC
// resident ID number given its first 17 digits, by GB 11643-1999:
// Σ digitᵢ·wᵢ mod 11 indexes "10X98765432", with weights
// 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2.
func ResidentIDCheckChar(first17 string) byte {
	sum := 0
	for i := range 17 {
		sum += int(first17[i]-'0') * idWeights[i]
	}
	return idCheckChars[sum%11]
}

// validDate reports whether year-month-day is a calendar date.
func validDate(year, month, day int) bool {
	t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	return t.Year() == year && int(t.Month()) == month && t.Day() == day
}

// atoiDigits reads a string of ASCII digits (already checked).
func atoiDigits(s string) int {
	n := 0
	for i := range len(s) {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// allDigits reports whether s is non-empty and only ASCII digits.
func allDigits(s string) bool {
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// isIDNumber reports whether s is a PRC resident ID number: 18 characters
// (17 digits, then a digit or X) with a birth date from 1800 to 2099 and a
// correct check character, or 15 digits with a valid 19YYMMDD birth date.
// The region code's first digit must not be 0.
func isIDNumber(s string) bool {
	switch len(s) {
	case 18:
		if !allDigits(s[:17]) || s[0] == '0' {
			return false
		}
		check := s[17]
		if check == 'x' {
			check = 'X'
		}
		year, month, day := atoiDigits(s[6:10]), atoiDigits(s[10:12]), atoiDigits(s[12:14])
		if year < 1800 || year > 2099 || !validDate(year, month, day) {
			return false
		}
		return ResidentIDCheckChar(s[:17]) == check
	case 15:
		if !allDigits(s) || s[0] == '0' {
			return false
		}
		return validDate(1900+atoiDigits(s[6:8]), atoiDigits(s[8:10]), atoiDigits(s[10:12]))
	}
	return false
}

// nameHeaders are the compacted (lower case, separators removed) headers
// that name a person.
var nameHeaders = map[string]bool{
	"name": true, "fullname": true, "firstname": true, "lastname": true, "middlename": true,
	"surname": true, "forename": true, "givenname": true, "familyname": true,
	"customername": true, "clientname": true, "contact": true, "contactname": true,
	"contactperson": true, "employeename": true, "patientname": true, "studentname": true,
	"personname": true, "username": true, "recipient": true, "recipientname": true,
	"姓名": true, "名字": true, "客户姓名": true, "客户名字": true, "联系人": true,
	"联系人姓名": true, "真实姓名": true, "收货人": true, "收件人": true, "姓": true, "名": true,
}

// compactHeader lowers a header and drops spaces, underscores, dashes,
// dots and colons, so that "First_Name", "first name" and "FirstName" agree.
func compactHeader(h string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(h) {
		if unicode.IsSpace(r) || strings.ContainsRune("_-.:：()（）", r) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// isNameHeader reports whether a column header names a person: one of
// nameHeaders, or a Chinese header ending in 姓名 (员工姓名, 学生姓名, …).
func isNameHeader(h string) bool {
	c := compactHeader(h)
	return nameHeaders[c] || (strings.HasSuffix(c, "姓名") && c != "")
}

// personalPatterns are the value patterns DetectPersonal tries, in the
// order that breaks ties.
var personalPatterns = []struct {
	kind  Personal
	match func(string) bool
}{
	{PersonalEmail, isEmail},
	{PersonalIDNumber, isIDNumber},
	{PersonalPhone, isPhone},
}

// personalFinding is why a column was flagged: by its header, or by how
// many of its non-missing cells match the pattern of Kind.
type personalFinding struct {
	Kind     Personal
	ByHeader bool
	Matches  int
	Present  int
}

// detectPersonal is DetectPersonal with the evidence.
func detectPersonal(f *Frame) map[string]personalFinding {
	out := map[string]personalFinding{}
	for c, name := range f.Names() {
		if f.cols[c].tokens {
			continue // pseudonymised: tokens, not personal data
		}
		if isNameHeader(name) {
			out[name] = personalFinding{Kind: PersonalName, ByHeader: true}
			continue
		}
		cells, _ := f.Strings(name)
		present := 0
		matches := make([]int, len(personalPatterns))
		for _, s := range cells {
			if s == "" {
				continue
			}
			present++
			for i, p := range personalPatterns {
				if p.match(s) {
					matches[i]++
				}
			}
		}
		if present == 0 {
			continue
		}
		best := -1
		for i, m := range matches {
			if float64(m) >= PersonalMatchShare*float64(present) && (best < 0 || m > matches[best]) {
				best = i
			}
		}
		if best >= 0 {
			out[name] = personalFinding{Kind: personalPatterns[best].kind, Matches: matches[best], Present: present}
		}
	}
	return out
}

// DetectPersonal returns the columns of f that hold personal data, mapping
// each such column's name to the kind of data. A column is flagged when its
// header names a person (PersonalName), or when at least
// PersonalMatchShare (half) of its non-missing cells are e-mail addresses,
// phone numbers or resident ID numbers; when several patterns reach the
// share, the one matching most cells wins (ties: e-mail, ID number, phone).
// Cells are read as text, so numbers that a CSV file turned into a Numeric
// column (phones, IDs) are found too. A nil frame has none.
func DetectPersonal(f *Frame) map[string]Personal {
	out := map[string]Personal{}
	if f == nil {
		return out
	}
	for name, p := range detectPersonal(f) {
		out[name] = p.Kind
	}
	return out
}

// Pseudonymise returns a stable, irreversible token for value under key:
// "p_" followed by the first 16 hexadecimal digits (64 bits) of
// HMAC-SHA-256(key, value). The same key and value always give the same
// token, so pseudonymised columns can still be joined and counted; without
// the key a token can be neither reversed nor recomputed from a guessed
// value. Keep the key secret and out of notebooks and run directories.
func Pseudonymise(key []byte, value string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(value))
	return "p_" + hex.EncodeToString(m.Sum(nil))[:16]
}
