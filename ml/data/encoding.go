package data

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Text encodings a Loader reads, by the names Loader.Encoding accepts and
// Frame.Encoding reports.
const (
	encUTF8    = "utf-8"
	encUTF8BOM = "utf-8 with BOM"
	encGB18030 = "gb18030"
	encGBK     = "gbk"
	encUTF16LE = "utf-16le"
	encUTF16BE = "utf-16be"
	encXLSX    = "xlsx"
)

// knownEncodings lists the names Loader.Encoding accepts, for errors.
var knownEncodings = []string{encUTF8, encGB18030, encGBK, encUTF16LE, encUTF16BE}

// sniffSize is how much of the input is examined to choose the encoding and
// the delimiter.
const sniffSize = 64 << 10

// decoder returns the decoder of a known encoding name (nil for UTF-8).
func decoder(name string) (encoding.Encoding, string, error) {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "utf-8", "utf8":
		return nil, encUTF8, nil
	case "gb18030":
		return simplifiedchinese.GB18030, encGB18030, nil
	case "gbk", "cp936":
		return simplifiedchinese.GBK, encGBK, nil
	case "utf-16le":
		return unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), encUTF16LE, nil
	case "utf-16be":
		return unicode.UTF16(unicode.BigEndian, unicode.UseBOM), encUTF16BE, nil
	}
	return nil, "", fmt.Errorf("data: unknown encoding %q (known: %s)", name, strings.Join(knownEncodings, ", "))
}

// decodedInput is CSV input converted to UTF-8.
type decodedInput struct {
	r io.Reader // UTF-8 text, without a byte-order mark
	// name is the encoding read, as Frame.Encoding reports it.
	name string
	// guessed is true when the encoding was chosen from the first
	// sniffSize bytes: text after them may still prove it wrong.
	guessed bool
	// transcoded is true when r converts from another encoding, which
	// replaces invalid input with U+FFFD.
	transcoded bool
	// fallback is true when GB18030 was chosen because the input is not
	// UTF-8.
	fallback bool
}

// decodeInput chooses the encoding of r (the explicit name when not "") and
// returns a reader of its UTF-8 text. Detection: a byte-order mark names
// UTF-8, UTF-16LE or UTF-16BE; else text that is valid UTF-8 in the first
// 64 KiB is UTF-8; else GB18030 (of which GBK and GB2312 are subsets).
func decodeInput(r io.Reader, explicit string) (decodedInput, error) {
	br := bufio.NewReaderSize(r, sniffSize)
	head, err := br.Peek(sniffSize)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return decodedInput{}, fmt.Errorf("data: reading CSV: %w", err)
	}
	bom := ""
	switch {
	case bytes.HasPrefix(head, []byte("\xEF\xBB\xBF")):
		bom = encUTF8BOM
	case bytes.HasPrefix(head, []byte("\xFF\xFE")):
		bom = encUTF16LE
	case bytes.HasPrefix(head, []byte("\xFE\xFF")):
		bom = encUTF16BE
	}
	name := explicit
	guessed := false
	if name == "" {
		switch {
		case bom != "":
			name = bom
		case validUTF8Prefix(head, len(head) < sniffSize):
			name, guessed = encUTF8, true
		default:
			name = encGB18030
		}
	}
	fallback := explicit == "" && name == encGB18030
	if name == encUTF8BOM {
		name = encUTF8
	}
	enc, label, err := decoder(name)
	if err != nil {
		return decodedInput{}, err
	}
	if enc == nil {
		if bom == encUTF8BOM {
			br.Discard(3)
			label = encUTF8BOM
		}
		return decodedInput{r: br, name: label, guessed: guessed}, nil
	}
	if bom == encUTF8BOM && label != encUTF16LE && label != encUTF16BE {
		br.Discard(3) // a UTF-8 mark before GB18030 text: drop it
	}
	return decodedInput{r: transform.NewReader(br, enc.NewDecoder()), name: label, transcoded: true, fallback: fallback}, nil
}

// validUTF8Prefix reports whether b is valid UTF-8, allowing a rune cut at
// the end when b is only the start of the input.
func validUTF8Prefix(b []byte, whole bool) bool {
	if utf8.Valid(b) {
		return true
	}
	if whole {
		return false
	}
	for cut := 1; cut <= 3 && cut < len(b); cut++ {
		if utf8.Valid(b[:len(b)-cut]) {
			return true
		}
	}
	return false
}
