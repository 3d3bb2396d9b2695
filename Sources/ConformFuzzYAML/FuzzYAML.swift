import Foundation
import ConformShape
import ConformSpec

/// libFuzzer target for the YAML reader (`make fuzz`). Property: any bytes either read to a
/// tree that converts to JSON, or fail with a diagnostic that has a position. A crash, a hang
/// or a diagnostic without a position is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    do {
        _ = try SourceNode.parse(yaml: bytes, file: "fuzz.yaml").jsonValue
    } catch {
        guard let location = error.location, location.line >= 1, location.column >= 1 else {
            fatalError("diagnostic without a position: \(error)")
        }
    }
    return 0
}

/// With `-DCONFORM_FUZZ` (`make fuzz`), hands `fuzzYAML` to libFuzzer's driver with the
/// command line (`-max_total_time=…`, corpus folders). Otherwise (a plain `swift build`), replays
/// files: `conform-fuzz-yaml FILE...`, e.g. an input libFuzzer saved. A `main` of our own either
/// way, because SwiftPM links an executable target's entry point as `main`, in place of libFuzzer's.
@main enum FuzzYAML {
    static func main() {
        #if CONFORM_FUZZ
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzYAML))
        #else
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else { fatalError("cannot read \(path)") }
            let bytes = [UInt8](data)
            _ = bytes.withUnsafeBufferPointer { fuzzYAML($0.baseAddress, $0.count) }
            print("\(path): ok")
        }
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
