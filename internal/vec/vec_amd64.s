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
