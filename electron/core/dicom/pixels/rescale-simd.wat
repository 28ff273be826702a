;; Stored CT words -> Hounsfield units, 8 words per instruction (WebAssembly SIMD).
;; Source of rescale-simd-wasm.ts; test/unit/dicom/rescale-simd.test.ts checks the two agree.
(module
  (memory (import "env" "memory") 1)
  ;; Rewrites count int16 words at ptr in place: x = sign-extended or masked stored value,
  ;; hu = saturate(x + intercept), padding values [padFirst, padLast] -> padHu.
  (func (export "rescale")
    (param $ptr i32) (param $count i32) (param $mask i32) (param $signShift i32)
    (param $intercept i32) (param $padFirst i32) (param $padLast i32) (param $padHu i32)
    (local $end i32) (local $x v128) (local $hu v128)
    (local $maskV v128) (local $interceptV v128) (local $firstV v128) (local $lastV v128) (local $padHuV v128)
    (local.set $maskV (i16x8.splat (local.get $mask)))
    (local.set $interceptV (i16x8.splat (local.get $intercept)))
    (local.set $firstV (i16x8.splat (local.get $padFirst)))
    (local.set $lastV (i16x8.splat (local.get $padLast)))
    (local.set $padHuV (i16x8.splat (local.get $padHu)))
    (local.set $end (i32.add (local.get $ptr) (i32.shl (local.get $count) (i32.const 1))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $ptr) (local.get $end)))
        ;; unsigned: keep BitsStored bits; signed: shift the sign bit up to bit 15 and back.
        (local.set $x (v128.and (v128.load (local.get $ptr)) (local.get $maskV)))
        (local.set $x
          (i16x8.shr_s (i16x8.shl (local.get $x) (local.get $signShift)) (local.get $signShift)))
        (local.set $hu (i16x8.add_sat_s (local.get $x) (local.get $interceptV)))
        (v128.store (local.get $ptr)
          (v128.bitselect
            (local.get $padHuV)
            (local.get $hu)
            (v128.and
              (i16x8.ge_s (local.get $x) (local.get $firstV))
              (i16x8.le_s (local.get $x) (local.get $lastV)))))
        (local.set $ptr (i32.add (local.get $ptr) (i32.const 16)))
        (br $next)))))
