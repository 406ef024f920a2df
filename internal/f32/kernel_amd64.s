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

// func kernelDot4(k int, a *float32, lda int, w *float32, out *[4]float32)
// k is a multiple of 8. Y0–Y3 accumulate one row each, 8 products at a
// time; three horizontal adds and one lane fold leave the four sums.
TEXT ·kernelDot4(SB), NOSPLIT, $0-40
	MOVQ   k+0(FP), CX
	MOVQ   a+8(FP), SI
	MOVQ   lda+16(FP), R8
	SHLQ   $2, R8
	LEAQ   (R8)(R8*2), R9
	MOVQ   w+24(FP), DI
	VXORPS Y0, Y0, Y0
	VXORPS Y1, Y1, Y1
	VXORPS Y2, Y2, Y2
	VXORPS Y3, Y3, Y3
	SHRQ   $3, CX
	JZ     reduce

loopdot:
	VMOVUPS     (DI), Y8
	VFMADD231PS (SI), Y8, Y0
	VFMADD231PS (SI)(R8*1), Y8, Y1
	VFMADD231PS (SI)(R8*2), Y8, Y2
	VFMADD231PS (SI)(R9*1), Y8, Y3
	ADDQ        $32, SI
	ADDQ        $32, DI
	DECQ        CX
	JNZ         loopdot

reduce:
	VHADDPS      Y1, Y0, Y4
	VHADDPS      Y3, Y2, Y5
	VHADDPS      Y5, Y4, Y6
	VEXTRACTF128 $1, Y6, X7
	VADDPS       X7, X6, X6
	MOVQ         out+32(FP), DX
	VMOVUPS      X6, (DX)
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
