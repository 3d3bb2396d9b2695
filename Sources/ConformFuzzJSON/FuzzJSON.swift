import ConformFuzzDriver
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

/// Runs `fuzzJSON` under libFuzzer or replays files (see `FuzzDriver`).
@main enum FuzzJSON {
    static func main() { FuzzDriver.run(fuzzJSON) }
}
