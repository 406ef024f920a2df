package tfevents

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// Protocol-buffer wire types used by the messages of this package.
const (
	wireVarint = 0
	wireI64    = 1
	wireLen    = 2
	wireI32    = 5
)

// pb is a minimal protocol-buffer encoder: it appends fields, in the order
// they are written, to a byte slice. Its methods always emit the field; the
// callers skip proto3 default values themselves, except for oneof members,
// whose presence is significant and which they must always write.
type pb struct{ b []byte }

func (e *pb) key(num, typ int) { e.b = binary.AppendUvarint(e.b, uint64(num)<<3|uint64(typ)) }

func (e *pb) varint(num int, v uint64) {
	e.key(num, wireVarint)
	e.b = binary.AppendUvarint(e.b, v)
}

func (e *pb) double(num int, v float64) {
	e.key(num, wireI64)
	e.b = binary.LittleEndian.AppendUint64(e.b, math.Float64bits(v))
}

func (e *pb) float(num int, v float32) {
	e.key(num, wireI32)
	e.b = binary.LittleEndian.AppendUint32(e.b, math.Float32bits(v))
}

func (e *pb) bytes(num int, v []byte) {
	e.key(num, wireLen)
	e.b = binary.AppendUvarint(e.b, uint64(len(v)))
	e.b = append(e.b, v...)
}

func (e *pb) string(num int, v string) {
	e.key(num, wireLen)
	e.b = binary.AppendUvarint(e.b, uint64(len(v)))
	e.b = append(e.b, v...)
}

// message writes a length-delimited sub-message built by fill.
func (e *pb) message(num int, fill func(m *pb)) {
	var m pb
	fill(&m)
	e.bytes(num, m.b)
}

// packedDoubles writes a packed repeated double field (nothing when empty).
func (e *pb) packedDoubles(num int, vs []float64) {
	if len(vs) == 0 {
		return
	}
	e.key(num, wireLen)
	e.b = binary.AppendUvarint(e.b, uint64(8*len(vs)))
	for _, v := range vs {
		e.b = binary.LittleEndian.AppendUint64(e.b, math.Float64bits(v))
	}
}

// Non-default helpers for proto3 scalar fields outside a oneof.
func (e *pb) stringNZ(num int, v string) {
	if v != "" {
		e.string(num, v)
	}
}

func (e *pb) doubleNZ(num int, v float64) {
	if v != 0 || math.Signbit(v) {
		e.double(num, v)
	}
}

func (e *pb) varintNZ(num int, v uint64) {
	if v != 0 {
		e.varint(num, v)
	}
}

// field is one decoded protocol-buffer field: for varint, I64 and I32 wire
// types the raw value is in u; for length-delimited fields the payload is in
// data (a sub-slice of the input, not a copy).
type field struct {
	num  int
	typ  int
	u    uint64
	data []byte
}

var errTruncatedProto = errors.New("truncated protocol buffer")

// parseFields calls fn for every field of the encoded message b, in order.
func parseFields(b []byte, fn func(f field) error) error {
	for len(b) > 0 {
		k, n := binary.Uvarint(b)
		if n <= 0 {
			return errTruncatedProto
		}
		b = b[n:]
		f := field{num: int(k >> 3), typ: int(k & 7)}
		if f.num <= 0 {
			return fmt.Errorf("invalid protocol buffer field number %d", f.num)
		}
		switch f.typ {
		case wireVarint:
			f.u, n = binary.Uvarint(b)
			if n <= 0 {
				return errTruncatedProto
			}
			b = b[n:]
		case wireI64:
			if len(b) < 8 {
				return errTruncatedProto
			}
			f.u, b = binary.LittleEndian.Uint64(b), b[8:]
		case wireI32:
			if len(b) < 4 {
				return errTruncatedProto
			}
			f.u, b = uint64(binary.LittleEndian.Uint32(b)), b[4:]
		case wireLen:
			l, n := binary.Uvarint(b)
			if n <= 0 || l > uint64(len(b)-n) {
				return errTruncatedProto
			}
			f.data, b = b[n:n+int(l)], b[n+int(l):]
		default:
			return fmt.Errorf("unsupported protocol buffer wire type %d (field %d)", f.typ, f.num)
		}
		if err := fn(f); err != nil {
			return err
		}
	}
	return nil
}

func (f field) double() float64 { return math.Float64frombits(f.u) }
func (f field) float() float64  { return float64(math.Float32frombits(uint32(f.u))) }

// doubles decodes a repeated double field, packed (wire type 2) or not.
func (f field) doubles(dst []float64) ([]float64, error) {
	switch f.typ {
	case wireI64:
		return append(dst, f.double()), nil
	case wireLen:
		if len(f.data)%8 != 0 {
			return dst, errTruncatedProto
		}
		for i := 0; i < len(f.data); i += 8 {
			dst = append(dst, math.Float64frombits(binary.LittleEndian.Uint64(f.data[i:])))
		}
		return dst, nil
	}
	return dst, fmt.Errorf("field %d: wire type %d for a double", f.num, f.typ)
}

// floats decodes a repeated float field, packed or not, widening to float64.
func (f field) floats(dst []float64) ([]float64, error) {
	switch f.typ {
	case wireI32:
		return append(dst, f.float()), nil
	case wireLen:
		if len(f.data)%4 != 0 {
			return dst, errTruncatedProto
		}
		for i := 0; i < len(f.data); i += 4 {
			dst = append(dst, float64(math.Float32frombits(binary.LittleEndian.Uint32(f.data[i:]))))
		}
		return dst, nil
	}
	return dst, fmt.Errorf("field %d: wire type %d for a float", f.num, f.typ)
}
