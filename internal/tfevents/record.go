package tfevents

import (
	"encoding/binary"
	"hash/crc32"
)

// TFRecord framing, as TensorFlow's RecordWriter writes it:
//
//	uint64 length        little endian
//	uint32 masked CRC-32C of the 8 length bytes
//	byte   data[length]
//	uint32 masked CRC-32C of the data
//
// where the mask is ((crc >> 15) | (crc << 17)) + 0xa282ead8.

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

const crcMaskDelta = 0xa282ead8

// maskedCRC returns the masked CRC-32C (Castagnoli) of b.
func maskedCRC(b []byte) uint32 {
	c := crc32.Checksum(b, castagnoli)
	return (c>>15 | c<<17) + crcMaskDelta
}

// recordHeaderLen and recordFooterLen are the framing bytes around the data.
const (
	recordHeaderLen = 12
	recordFooterLen = 4
)

// appendRecord appends data framed as one TFRecord to dst.
func appendRecord(dst, data []byte) []byte {
	var hdr [8]byte
	binary.LittleEndian.PutUint64(hdr[:], uint64(len(data)))
	dst = append(dst, hdr[:]...)
	dst = binary.LittleEndian.AppendUint32(dst, maskedCRC(hdr[:]))
	dst = append(dst, data...)
	return binary.LittleEndian.AppendUint32(dst, maskedCRC(data))
}
