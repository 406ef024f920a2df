#include "textflag.h"

// Register use in the block kernels: SI walks row 0 of a (rows 1–3 are at
// SI+lda, SI+2·lda, SI+3·lda), DI walks the rows of w, CX counts k down;
// Y0–Y7 accumulate the 4 × 16 block (two registers per row), Y8/Y9 hold one
// row of w and Y10–Y13 broadcast one a value per row.

// func kernel4x16(k int, a *float32, lda int, w *float32, ldw int, bias, z *float32, ldz int, relu bool)
TEXT ·kernel4x16(SB), NOSPLIT, $0-65
	MOVQ k+0(FP), CX
	MOVQ a+8(FP), SI
	MOVQ lda+16(FP), R8
	SHLQ $2, R8
	LEAQ (R8)(R8*2), R9
	MOVQ w+24(FP), DI
	MOVQ ldw+32(FP), R10
	SHLQ $2, R10
	MOVQ bias+40(FP), BX
	VMOVUPS (BX), Y0
	VMOVUPS 32(BX), Y1
	VMOVAPS Y0, Y2
	VMOVAPS Y1, Y3
	VMOVAPS Y0, Y4
	VMOVAPS Y1, Y5
	VMOVAPS Y0, Y6
	VMOVAPS Y1, Y7
	TESTQ CX, CX
	JZ    done16

loop16:
	VMOVUPS      (DI), Y8
	VMOVUPS      32(DI), Y9
	VBROADCASTSS (SI), Y10
	VBROADCASTSS (SI)(R8*1), Y11
	VBROADCASTSS (SI)(R8*2), Y12
	VBROADCASTSS (SI)(R9*1), Y13
	VFMADD231PS  Y8, Y10, Y0
	VFMADD231PS  Y9, Y10, Y1
	VFMADD231PS  Y8, Y11, Y2
	VFMADD231PS  Y9, Y11, Y3
	VFMADD231PS  Y8, Y12, Y4
	VFMADD231PS  Y9, Y12, Y5
	VFMADD231PS  Y8, Y13, Y6
	VFMADD231PS  Y9, Y13, Y7
	ADDQ         $4, SI
	ADDQ         R10, DI
	DECQ         CX
	JNZ          loop16

done16:
	MOVBLZX relu+64(FP), AX
	TESTQ   AX, AX
	JZ      store16
	VXORPS  Y14, Y14, Y14
	VMAXPS  Y14, Y0, Y0
	VMAXPS  Y14, Y1, Y1
	VMAXPS  Y14, Y2, Y2
	VMAXPS  Y14, Y3, Y3
	VMAXPS  Y14, Y4, Y4
	VMAXPS  Y14, Y5, Y5
	VMAXPS  Y14, Y6, Y6
	VMAXPS  Y14, Y7, Y7

store16:
	MOVQ    z+48(FP), DX
	MOVQ    ldz+56(FP), R11
	SHLQ    $2, R11
	LEAQ    (R11)(R11*2), R12
	VMOVUPS Y0, (DX)
	VMOVUPS Y1, 32(DX)
	VMOVUPS Y2, (DX)(R11*1)
	VMOVUPS Y3, 32(DX)(R11*1)
	VMOVUPS Y4, (DX)(R11*2)
	VMOVUPS Y5, 32(DX)(R11*2)
	VMOVUPS Y6, (DX)(R12*1)
	VMOVUPS Y7, 32(DX)(R12*1)
	VZEROUPPER
	RET

// func kernel4x8(k int, a *float32, lda int, w *float32, ldw int, bias, z *float32, ldz int, relu bool)
TEXT ·kernel4x8(SB), NOSPLIT, $0-65
	MOVQ    k+0(FP), CX
	MOVQ    a+8(FP), SI
	MOVQ    lda+16(FP), R8
	SHLQ    $2, R8
	LEAQ    (R8)(R8*2), R9
	MOVQ    w+24(FP), DI
	MOVQ    ldw+32(FP), R10
	SHLQ    $2, R10
	MOVQ    bias+40(FP), BX
	VMOVUPS (BX), Y0
	VMOVAPS Y0, Y2
	VMOVAPS Y0, Y4
	VMOVAPS Y0, Y6
	TESTQ   CX, CX
	JZ      done8

loop8:
	VMOVUPS      (DI), Y8
	VBROADCASTSS (SI), Y10
	VBROADCASTSS (SI)(R8*1), Y11
	VBROADCASTSS (SI)(R8*2), Y12
	VBROADCASTSS (SI)(R9*1), Y13
	VFMADD231PS  Y8, Y10, Y0
	VFMADD231PS  Y8, Y11, Y2
	VFMADD231PS  Y8, Y12, Y4
	VFMADD231PS  Y8, Y13, Y6
	ADDQ         $4, SI
	ADDQ         R10, DI
	DECQ         CX
	JNZ          loop8

done8:
	MOVBLZX relu+64(FP), AX
	TESTQ   AX, AX
	JZ      store8
	VXORPS  Y14, Y14, Y14
	VMAXPS  Y14, Y0, Y0
	VMAXPS  Y14, Y2, Y2
	VMAXPS  Y14, Y4, Y4
	VMAXPS  Y14, Y6, Y6

store8:
	MOVQ    z+48(FP), DX
	MOVQ    ldz+56(FP), R11
	SHLQ    $2, R11
	LEAQ    (R11)(R11*2), R12
	VMOVUPS Y0, (DX)
	VMOVUPS Y2, (DX)(R11*1)
	VMOVUPS Y4, (DX)(R11*2)
	VMOVUPS Y6, (DX)(R12*1)
	VZEROUPPER
	RET

// func kernelDotRows(rows, k int, a *float32, lda int, w *float32, bias float32, z *float32, ldz int, reluIn, reluOut bool)
// rows is a multiple of 4, k a positive multiple of 8. Four rows at a time:
// z[r·ldz] = bias + Σ_{i<k} act(a[r·lda+i])·w[i], act = max(0, ·) when
// reluIn (a NaN stays NaN), then max(0, ·) when reluOut.
TEXT ·kernelDotRows(SB), NOSPLIT, $0-66
	MOVQ         rows+0(FP), BX
	SHRQ         $2, BX
	JZ           dotrowsdone
	MOVQ         a+16(FP), SI
	MOVQ         lda+24(FP), R8
	SHLQ         $2, R8
	LEAQ         (R8)(R8*2), R9
	MOVQ         z+48(FP), DX
	MOVQ         ldz+56(FP), R10
	SHLQ         $2, R10
	LEAQ         (R10)(R10*2), R11
	MOVBLZX      reluIn+64(FP), AX
	MOVBLZX      reluOut+65(FP), R12
	VBROADCASTSS bias+40(FP), X14
	VXORPS       Y15, Y15, Y15

dotrowsblock:
	MOVQ   k+8(FP), CX
	SHRQ   $3, CX
	MOVQ   w+32(FP), DI
	MOVQ   SI, R13
	VXORPS Y0, Y0, Y0
	VXORPS Y1, Y1, Y1
	VXORPS Y2, Y2, Y2
	VXORPS Y3, Y3, Y3
	TESTQ  AX, AX
	JNZ    dotrowsrelu

dotrowsplain:
	VMOVUPS     (DI), Y8
	VFMADD231PS (R13), Y8, Y0
	VFMADD231PS (R13)(R8*1), Y8, Y1
	VFMADD231PS (R13)(R8*2), Y8, Y2
	VFMADD231PS (R13)(R9*1), Y8, Y3
	ADDQ        $32, R13
	ADDQ        $32, DI
	DECQ        CX
	JNZ         dotrowsplain
	JMP         dotrowsreduce

dotrowsrelu:
	VMOVUPS     (DI), Y8
	VMAXPS      (R13), Y15, Y4
	VMAXPS      (R13)(R8*1), Y15, Y5
	VMAXPS      (R13)(R8*2), Y15, Y6
	VMAXPS      (R13)(R9*1), Y15, Y7
	VFMADD231PS Y4, Y8, Y0
	VFMADD231PS Y5, Y8, Y1
	VFMADD231PS Y6, Y8, Y2
	VFMADD231PS Y7, Y8, Y3
	ADDQ        $32, R13
	ADDQ        $32, DI
	DECQ        CX
	JNZ         dotrowsrelu

dotrowsreduce:
	VHADDPS      Y1, Y0, Y4
	VHADDPS      Y3, Y2, Y5
	VHADDPS      Y5, Y4, Y6
	VEXTRACTF128 $1, Y6, X7
	VADDPS       X7, X6, X6
	VADDPS       X14, X6, X6
	TESTQ        R12, R12
	JZ           dotrowsstore
	VMAXPS       X6, X15, X6

dotrowsstore:
	VMOVSS     X6, (DX)
	VEXTRACTPS $1, X6, (DX)(R10*1)
	VEXTRACTPS $2, X6, (DX)(R10*2)
	VEXTRACTPS $3, X6, (DX)(R11*1)
	LEAQ       (SI)(R8*4), SI
	LEAQ       (DX)(R10*4), DX
	DECQ       BX
	JNZ        dotrowsblock

dotrowsdone:
	VZEROUPPER
	RET

// func kernelConvert(n int, dst *float32, src *float64, relu bool) (finite bool)
// n is a multiple of 8. Two VCVTPD2PS narrow 8 doubles; finiteness is
// checked as src − src = 0 (NaN for NaN and ±Inf) and OR-ed into Y3 as an
// unordered-compare mask.
TEXT ·kernelConvert(SB), NOSPLIT, $0-33
	MOVQ    n+0(FP), CX
	MOVQ    dst+8(FP), DI
	MOVQ    src+16(FP), SI
	MOVBLZX relu+24(FP), AX
	VXORPD  Y3, Y3, Y3   // NaN seen (all ones in a lane)
	VXORPS  Y4, Y4, Y4   // zero for ReLU
	SHRQ    $3, CX
	JZ      convdone

convloop:
	VMOVUPD      (SI), Y0
	VMOVUPD      32(SI), Y1
	VSUBPD       Y0, Y0, Y5
	VSUBPD       Y1, Y1, Y6
	VCMPPD       $3, Y5, Y5, Y5 // unordered: NaN
	VCMPPD       $3, Y6, Y6, Y6
	VORPD        Y5, Y3, Y3
	VORPD        Y6, Y3, Y3
	VCVTPD2PSY   Y0, X0
	VCVTPD2PSY   Y1, X1
	VINSERTF128  $1, X1, Y0, Y0
	TESTQ        AX, AX
	JZ           convstore
	VMAXPS       Y4, Y0, Y0

convstore:
	VMOVUPS Y0, (DI)
	ADDQ    $64, SI
	ADDQ    $32, DI
	DECQ    CX
	JNZ     convloop

convdone:
	VMOVMSKPD Y3, BX
	TESTQ     BX, BX
	SETEQ     finite+32(FP)
	VZEROUPPER
	RET


// func kernelCheck(n int, x *float32, relu bool) (finite bool)
// n is a multiple of 8. NaN is seen as x − x unordered (Inf − Inf = NaN).
TEXT ·kernelCheck(SB), NOSPLIT, $0-25
	MOVQ    n+0(FP), CX
	MOVQ    x+8(FP), DI
	MOVBLZX relu+16(FP), AX
	VXORPS  Y3, Y3, Y3   // NaN seen (all ones in a lane)
	VXORPS  Y4, Y4, Y4   // zero for ReLU
	SHRQ    $3, CX
	JZ      checkdone

checkloop:
	VMOVUPS (DI), Y0
	VSUBPS  Y0, Y0, Y5
	VCMPPS  $3, Y5, Y5, Y5
	VORPS   Y5, Y3, Y3
	TESTQ   AX, AX
	JZ      checknext
	VMAXPS  Y4, Y0, Y0
	VMOVUPS Y0, (DI)

checknext:
	ADDQ $32, DI
	DECQ CX
	JNZ  checkloop

checkdone:
	VMOVMSKPS Y3, BX
	TESTQ     BX, BX
	SETEQ     finite+24(FP)
	VZEROUPPER
	RET


// func kernelCombineRows(rows, w int, z, a *float32, as int, b, c, d *float32, ds int, ops []int)
// For each row j < rows: z_j = a_j (+ b_j − c_j when b is not nil) + Σ ±d_j[op]
// over ops, where z_j, b_j, c_j and the op rows of d_j are w values apart, a_j
// is as values apart and d_j ds values; w is a multiple of 8. Chunks of 64
// columns (eight registers), then of 8.
TEXT ·kernelCombineRows(SB), NOSPLIT, $0-96
	MOVQ w+8(FP), CX
	SHLQ $2, CX          // row width in bytes
	MOVQ CX, R13
	SUBQ $256, R13       // a 64-column chunk fits while R11 ≤ R13
	MOVQ as+32(FP), AX
	SHLQ $2, AX
	MOVQ AX, as+32(FP)   // now in bytes
	MOVQ ds+64(FP), AX
	SHLQ $2, AX
	MOVQ AX, ds+64(FP)
	MOVQ z+16(FP), DI
	MOVQ a+24(FP), SI
	MOVQ b+40(FP), BX
	MOVQ c+48(FP), DX
	MOVQ d+56(FP), R8
	MOVQ ops_base+72(FP), R9
	MOVQ ops_len+80(FP), R10
	MOVQ rows+0(FP), R14
	TESTQ R14, R14
	JZ   rdone

rrow:
	XORQ R11, R11        // chunk offset in bytes

rwide:
	CMPQ R11, R13
	JGT rnarrow
	LEAQ (SI)(R11*1), AX
	VMOVUPS (AX), Y0
	VMOVUPS 32(AX), Y1
	VMOVUPS 64(AX), Y2
	VMOVUPS 96(AX), Y3
	VMOVUPS 128(AX), Y4
	VMOVUPS 160(AX), Y5
	VMOVUPS 192(AX), Y6
	VMOVUPS 224(AX), Y7
	TESTQ BX, BX
	JZ    rwideops
	LEAQ  (BX)(R11*1), AX
	VADDPS (AX), Y0, Y0
	VADDPS 32(AX), Y1, Y1
	VADDPS 64(AX), Y2, Y2
	VADDPS 96(AX), Y3, Y3
	VADDPS 128(AX), Y4, Y4
	VADDPS 160(AX), Y5, Y5
	VADDPS 192(AX), Y6, Y6
	VADDPS 224(AX), Y7, Y7
	LEAQ  (DX)(R11*1), AX
	VSUBPS (AX), Y0, Y0
	VSUBPS 32(AX), Y1, Y1
	VSUBPS 64(AX), Y2, Y2
	VSUBPS 96(AX), Y3, Y3
	VSUBPS 128(AX), Y4, Y4
	VSUBPS 160(AX), Y5, Y5
	VSUBPS 192(AX), Y6, Y6
	VSUBPS 224(AX), Y7, Y7

rwideops:
	XORQ R12, R12

rwideterms:
	CMPQ  R12, R10
	JGE   rwidestore
	MOVQ  (R9)(R12*8), AX
	INCQ  R12
	TESTQ AX, AX
	JS    rwideminus
	IMULQ CX, AX
	ADDQ  R8, AX
	ADDQ  R11, AX
	VADDPS (AX), Y0, Y0
	VADDPS 32(AX), Y1, Y1
	VADDPS 64(AX), Y2, Y2
	VADDPS 96(AX), Y3, Y3
	VADDPS 128(AX), Y4, Y4
	VADDPS 160(AX), Y5, Y5
	VADDPS 192(AX), Y6, Y6
	VADDPS 224(AX), Y7, Y7
	JMP   rwideterms

rwideminus:
	NOTQ  AX
	IMULQ CX, AX
	ADDQ  R8, AX
	ADDQ  R11, AX
	VSUBPS (AX), Y0, Y0
	VSUBPS 32(AX), Y1, Y1
	VSUBPS 64(AX), Y2, Y2
	VSUBPS 96(AX), Y3, Y3
	VSUBPS 128(AX), Y4, Y4
	VSUBPS 160(AX), Y5, Y5
	VSUBPS 192(AX), Y6, Y6
	VSUBPS 224(AX), Y7, Y7
	JMP   rwideterms

rwidestore:
	LEAQ (DI)(R11*1), AX
	VMOVUPS Y0, (AX)
	VMOVUPS Y1, 32(AX)
	VMOVUPS Y2, 64(AX)
	VMOVUPS Y3, 96(AX)
	VMOVUPS Y4, 128(AX)
	VMOVUPS Y5, 160(AX)
	VMOVUPS Y6, 192(AX)
	VMOVUPS Y7, 224(AX)
	ADDQ $256, R11
	JMP  rwide

rnarrow:
	CMPQ R11, CX
	JGE rnext
	LEAQ (SI)(R11*1), AX
	VMOVUPS (AX), Y0
	TESTQ BX, BX
	JZ    rnarrowops
	LEAQ  (BX)(R11*1), AX
	VADDPS (AX), Y0, Y0
	LEAQ  (DX)(R11*1), AX
	VSUBPS (AX), Y0, Y0

rnarrowops:
	XORQ R12, R12

rnarrowterms:
	CMPQ  R12, R10
	JGE   rnarrowstore
	MOVQ  (R9)(R12*8), AX
	INCQ  R12
	TESTQ AX, AX
	JS    rnarrowminus
	IMULQ CX, AX
	ADDQ  R8, AX
	ADDQ  R11, AX
	VADDPS (AX), Y0, Y0
	JMP   rnarrowterms

rnarrowminus:
	NOTQ  AX
	IMULQ CX, AX
	ADDQ  R8, AX
	ADDQ  R11, AX
	VSUBPS (AX), Y0, Y0
	JMP   rnarrowterms

rnarrowstore:
	LEAQ (DI)(R11*1), AX
	VMOVUPS Y0, (AX)
	ADDQ $32, R11
	JMP  rnarrow

rnext:
	ADDQ CX, DI
	ADDQ as+32(FP), SI
	ADDQ ds+64(FP), R8
	TESTQ BX, BX
	JZ   rcount
	ADDQ CX, BX
	ADDQ CX, DX

rcount:
	DECQ R14
	JNZ  rrow

rdone:
	VZEROUPPER
	RET

// The constants of kernelSigmoid: Cephes' expf (S. L. Moshier) — the range
// of exp's argument, log2(e), ln 2 split in two, the polynomial — and 1.
DATA sigmoidconst<>+0(SB)/4, $0x42b0c0a5 // hi
DATA sigmoidconst<>+4(SB)/4, $0xc2b0c0a5 // lo
DATA sigmoidconst<>+8(SB)/4, $0x3fb8aa3b // log2e
DATA sigmoidconst<>+12(SB)/4, $0x3f000000 // half
DATA sigmoidconst<>+16(SB)/4, $0x3f318000 // c1
DATA sigmoidconst<>+20(SB)/4, $0xb95e8083 // c2
DATA sigmoidconst<>+24(SB)/4, $0x39506967 // p0
DATA sigmoidconst<>+28(SB)/4, $0x3ab743ce // p1
DATA sigmoidconst<>+32(SB)/4, $0x3c088908 // p2
DATA sigmoidconst<>+36(SB)/4, $0x3d2aa9c1 // p3
DATA sigmoidconst<>+40(SB)/4, $0x3e2aaaaa // p4
DATA sigmoidconst<>+44(SB)/4, $0x3f000000 // p5
DATA sigmoidconst<>+48(SB)/4, $0x3f800000 // one
GLOBL sigmoidconst<>(SB), RODATA|NOPTR, $52

// func kernelSigmoid(n int, x *float32)
// n is a multiple of 8: x = 1/(1 + exp(−x)), exp as sigmoidGo computes it:
// −x clamped to ±88.38, k = ⌊−x·log2 e + ½⌋, r = −x − k·ln 2 (in two
// parts), exp(r) = 1 + r + r²·P(r), times 2^k.
TEXT ·kernelSigmoid(SB), NOSPLIT, $0-16
	MOVQ         n+0(FP), CX
	MOVQ         x+8(FP), DI
	VBROADCASTSS sigmoidconst<>+0(SB), Y8
	VBROADCASTSS sigmoidconst<>+4(SB), Y9
	VBROADCASTSS sigmoidconst<>+8(SB), Y10
	VBROADCASTSS sigmoidconst<>+12(SB), Y11
	VBROADCASTSS sigmoidconst<>+16(SB), Y12
	VBROADCASTSS sigmoidconst<>+20(SB), Y13
	VBROADCASTSS sigmoidconst<>+48(SB), Y14
	VXORPS       Y15, Y15, Y15
	SHRQ         $3, CX
	JZ           sigmoiddone

sigmoidloop:
	VSUBPS       (DI), Y15, Y0 // −x
	VMINPS       Y0, Y8, Y0    // the clamp keeps a NaN (x second)
	VMAXPS       Y0, Y9, Y0
	VMOVAPS      Y0, Y1
	VFMADD213PS  Y11, Y10, Y1  // −x·log2 e + ½
	VROUNDPS     $1, Y1, Y1    // floor: k
	VFNMADD231PS Y12, Y1, Y0   // r = −x − k·c1
	VFNMADD231PS Y13, Y1, Y0   //     − k·c2
	VMULPS       Y0, Y0, Y2    // r²
	VBROADCASTSS sigmoidconst<>+24(SB), Y3
	VBROADCASTSS sigmoidconst<>+28(SB), Y4
	VFMADD213PS  Y4, Y0, Y3
	VBROADCASTSS sigmoidconst<>+32(SB), Y4
	VFMADD213PS  Y4, Y0, Y3
	VBROADCASTSS sigmoidconst<>+36(SB), Y4
	VFMADD213PS  Y4, Y0, Y3
	VBROADCASTSS sigmoidconst<>+40(SB), Y4
	VFMADD213PS  Y4, Y0, Y3
	VBROADCASTSS sigmoidconst<>+44(SB), Y4
	VFMADD213PS  Y4, Y0, Y3    // P(r)
	VFMADD213PS  Y0, Y2, Y3    // r²·P(r) + r
	VADDPS       Y14, Y3, Y3   // + 1
	VCVTTPS2DQ   Y1, Y5        // k as integers
	VPSLLD       $23, Y5, Y5
	VPADDD       Y14, Y5, Y5   // 2^k: k added to 1's exponent
	VMULPS       Y5, Y3, Y3    // exp(−x)
	VADDPS       Y14, Y3, Y3
	VDIVPS       Y3, Y14, Y0   // 1/(1 + exp(−x))
	VMOVUPS      Y0, (DI)
	ADDQ         $32, DI
	DECQ         CX
	JNZ          sigmoidloop

sigmoiddone:
	VZEROUPPER
	RET
