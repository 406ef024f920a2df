#include "textflag.h"

// func kernelAdd(n int, dst, s *float64, sub bool)
// n is a multiple of 16: four 4-lane registers per iteration.
TEXT ·kernelAdd(SB), NOSPLIT, $0-25
	MOVQ    n+0(FP), CX
	MOVQ    dst+8(FP), DI
	MOVQ    s+16(FP), SI
	MOVBLZX sub+24(FP), AX
	SHRQ    $4, CX
	TESTQ   AX, AX
	JNZ     subloop

addloop:
	VMOVUPD (DI), Y0
	VMOVUPD 32(DI), Y1
	VMOVUPD 64(DI), Y2
	VMOVUPD 96(DI), Y3
	VADDPD  (SI), Y0, Y0
	VADDPD  32(SI), Y1, Y1
	VADDPD  64(SI), Y2, Y2
	VADDPD  96(SI), Y3, Y3
	VMOVUPD Y0, (DI)
	VMOVUPD Y1, 32(DI)
	VMOVUPD Y2, 64(DI)
	VMOVUPD Y3, 96(DI)
	ADDQ    $128, DI
	ADDQ    $128, SI
	DECQ    CX
	JNZ     addloop
	VZEROUPPER
	RET

subloop:
	VMOVUPD (DI), Y0
	VMOVUPD 32(DI), Y1
	VMOVUPD 64(DI), Y2
	VMOVUPD 96(DI), Y3
	VSUBPD  (SI), Y0, Y0
	VSUBPD  32(SI), Y1, Y1
	VSUBPD  64(SI), Y2, Y2
	VSUBPD  96(SI), Y3, Y3
	VMOVUPD Y0, (DI)
	VMOVUPD Y1, 32(DI)
	VMOVUPD Y2, 64(DI)
	VMOVUPD Y3, 96(DI)
	ADDQ    $128, DI
	ADDQ    $128, SI
	DECQ    CX
	JNZ     subloop
	VZEROUPPER
	RET

// func kernelCombine(m, n int, z, base, d *float64, rows []int)
// For each chunk of 16 columns: Y0–Y3 = base; for each row entry r, add
// (r ≥ 0) or subtract (^r) that row's chunk; store into z.
TEXT ·kernelCombine(SB), NOSPLIT, $0-64
	MOVQ m+0(FP), CX
	SHLQ $3, CX          // columns to do, in bytes
	MOVQ n+8(FP), R10
	SHLQ $3, R10         // row stride in bytes
	MOVQ z+16(FP), DI
	MOVQ base+24(FP), SI
	MOVQ d+32(FP), DX
	MOVQ rows_base+40(FP), R8
	MOVQ rows_len+48(FP), R9
	XORQ R11, R11        // chunk offset in bytes

chunk:
	VMOVUPD (SI)(R11*1), Y0
	VMOVUPD 32(SI)(R11*1), Y1
	VMOVUPD 64(SI)(R11*1), Y2
	VMOVUPD 96(SI)(R11*1), Y3
	XORQ    R12, R12

terms:
	CMPQ  R12, R9
	JGE   store
	MOVQ  (R8)(R12*8), AX
	INCQ  R12
	TESTQ AX, AX
	JS    minus
	IMULQ R10, AX
	ADDQ  DX, AX
	ADDQ  R11, AX
	VADDPD (AX), Y0, Y0
	VADDPD 32(AX), Y1, Y1
	VADDPD 64(AX), Y2, Y2
	VADDPD 96(AX), Y3, Y3
	JMP   terms

minus:
	NOTQ  AX
	IMULQ R10, AX
	ADDQ  DX, AX
	ADDQ  R11, AX
	VSUBPD (AX), Y0, Y0
	VSUBPD 32(AX), Y1, Y1
	VSUBPD 64(AX), Y2, Y2
	VSUBPD 96(AX), Y3, Y3
	JMP   terms

store:
	VMOVUPD Y0, (DI)(R11*1)
	VMOVUPD Y1, 32(DI)(R11*1)
	VMOVUPD Y2, 64(DI)(R11*1)
	VMOVUPD Y3, 96(DI)(R11*1)
	ADDQ    $128, R11
	CMPQ    R11, CX
	JLT     chunk
	VZEROUPPER
	RET
