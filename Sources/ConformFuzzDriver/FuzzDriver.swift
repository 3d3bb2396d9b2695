import Foundation

/// The `main` of both fuzz targets, written once. With `-DCONFORM_FUZZ` (`make fuzz`) it hands
/// `property` to libFuzzer's driver with the command line (`-max_total_time=…`, corpus
/// folders). Otherwise (a plain `swift build`) it replays files: `conform-fuzz-… FILE...`, e.g.
/// an input libFuzzer saved. A `main` of our own either way, because SwiftPM links an executable
/// target's entry point as `main`, in place of libFuzzer's.
public enum FuzzDriver {
    public typealias Property = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

    public static func run(_ property: Property) -> Never {
        #if CONFORM_FUZZ
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, property))
        #else
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else { fatalError("cannot read \(path)") }
            let bytes = [UInt8](data)
            _ = bytes.withUnsafeBufferPointer { property($0.baseAddress, $0.count) }
            print("\(path): ok")
        }
        exit(0)
        #endif
    }
}

#if CONFORM_FUZZ
/// libFuzzer's entry for programs that keep their own `main` (LLVM 11 and later).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt
#endif
