import Foundation
import ConformShape

/// libFuzzer target for the JSON parser (`make fuzz`). Property: any bytes either fail to parse
/// (a thrown error, never a crash) or parse to a value whose compact text parses back to the
/// same compact text.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    guard let value = try? JSONValue.parse(bytes: bytes) else { return 0 }
    let text = value.compactText
    guard let again = try? JSONValue.parse(text) else { fatalError("compact text does not parse back: \(text)") }
    guard again.compactText == text else { fatalError("round trip changed \(text) into \(again.compactText)") }
    return 0
}

/// With `-DCONFORM_FUZZ` (`make fuzz`), hands `fuzzJSON` to libFuzzer's driver with the
/// command line (`-max_total_time=…`, corpus folders). Otherwise (a plain `swift build`), replays
/// files: `conform-fuzz-json FILE...`, e.g. an input libFuzzer saved. A `main` of our own either
/// way, because SwiftPM links an executable target's entry point as `main`, in place of libFuzzer's.
@main enum FuzzJSON {
    static func main() {
        #if CONFORM_FUZZ
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzJSON))
        #else
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else { fatalError("cannot read \(path)") }
            let bytes = [UInt8](data)
            _ = bytes.withUnsafeBufferPointer { fuzzJSON($0.baseAddress, $0.count) }
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
