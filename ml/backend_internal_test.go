package ml

import (
	"errors"
	"testing"
)

func TestCatchPanicTurnsPanicsIntoErrors(t *testing.T) {
	if err := catchPanic(func() error { panic("graph: shapes do not match") }); err == nil || err.Error() != "graph: shapes do not match" {
		t.Errorf("string panic: %v", err)
	}
	sentinel := errors.New("op not implemented")
	if err := catchPanic(func() error { panic(sentinel) }); !errors.Is(err, sentinel) {
		t.Errorf("error panic: %v", err)
	}
	if err := catchPanic(func() error { return sentinel }); !errors.Is(err, sentinel) {
		t.Errorf("returned error: %v", err)
	}
}

func TestBucketsCoverEverySize(t *testing.T) {
	for n := 1; n <= 5000; n++ {
		b := bucketFor(n)
		if n <= batchBuckets[len(batchBuckets)-1] && b < n {
			t.Fatalf("bucket %d for %d rows", b, n)
		}
	}
}
