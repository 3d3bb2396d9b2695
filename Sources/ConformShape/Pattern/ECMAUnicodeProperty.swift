/// The Unicode properties `\p{...}` can name, answered by `Unicode.Scalar.Properties`.
///
/// General_Category values (short and long names and the aliases in ECMA-262's table) and a
/// set of binary properties are supported. Script and Script_Extensions are refused: the
/// standard library does not expose a scalar's script, and guessing would make a contract
/// check pass or fail on a wrong answer.
enum ECMAUnicodeProperty: Sendable, Equatable {
    /// A union of general categories, as a bit mask over `categoryBits`.
    case categories(UInt32)
    case binary(Binary)

    enum Binary: String, Sendable, CaseIterable {
        case any = "Any", ascii = "ASCII", assigned = "Assigned"
        case alphabetic = "Alphabetic", whiteSpace = "White_Space", uppercase = "Uppercase"
        case lowercase = "Lowercase", hexDigit = "Hex_Digit", asciiHexDigit = "ASCII_Hex_Digit"
        case emoji = "Emoji", math = "Math", dash = "Dash", ideographic = "Ideographic"
        case idStart = "ID_Start", idContinue = "ID_Continue", noncharacter = "Noncharacter_Code_Point"
    }

    func contains(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        switch self {
        case .categories(let mask): return mask & Self.bit(properties.generalCategory) != 0
        case .binary(let property):
            switch property {
            case .any: return true
            case .ascii: return scalar.isASCII
            case .assigned: return properties.generalCategory != .unassigned
            case .alphabetic: return properties.isAlphabetic
            case .whiteSpace: return properties.isWhitespace
            case .uppercase: return properties.isUppercase
            case .lowercase: return properties.isLowercase
            case .hexDigit: return properties.isHexDigit
            case .asciiHexDigit: return properties.isASCIIHexDigit
            case .emoji: return properties.isEmoji
            case .math: return properties.isMath
            case .dash: return properties.isDash
            case .ideographic: return properties.isIdeographic
            case .idStart: return properties.isIDStart
            case .idContinue: return properties.isIDContinue
            case .noncharacter: return properties.isNoncharacterCodePoint
            }
        }
    }

    /// Why a name was refused: the message for the pattern's compile error.
    struct Refusal: Error {
        let message: String
    }

    /// Reads the text between the braces of `\p{...}`.
    static func named(_ text: String) throws(Refusal) -> ECMAUnicodeProperty {
        if let equals = text.firstIndex(of: "=") {
            let name = String(text[..<equals])
            let value = String(text[text.index(after: equals)...])
            switch name {
            case "General_Category", "gc":
                guard let mask = categoryMasks[value] else {
                    throw Refusal(message: "unknown General_Category value `\(value)`")
                }
                return .categories(mask)
            case "Script", "sc", "Script_Extensions", "scx":
                throw Refusal(message: "`\\p{\(text)}`: Script properties are not supported (Unicode script data is not available to Conform); use a code point range such as `[\\u0370-\\u03FF]`")
            default:
                throw Refusal(message: "unknown Unicode property `\(name)`")
            }
        }
        if let mask = categoryMasks[text] { return .categories(mask) }
        if let binary = Binary(rawValue: text) { return .binary(binary) }
        throw Refusal(message: "unknown or unsupported Unicode property `\(text)` (supported: General_Category values such as `L`, `Letter`, `Nd`, and \(Binary.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", ")))")
    }

    // MARK: - General categories

    /// One bit per general category.
    private static func bit(_ category: Unicode.GeneralCategory) -> UInt32 {
        switch category {
        case .uppercaseLetter: 1 << 0
        case .lowercaseLetter: 1 << 1
        case .titlecaseLetter: 1 << 2
        case .modifierLetter: 1 << 3
        case .otherLetter: 1 << 4
        case .nonspacingMark: 1 << 5
        case .spacingMark: 1 << 6
        case .enclosingMark: 1 << 7
        case .decimalNumber: 1 << 8
        case .letterNumber: 1 << 9
        case .otherNumber: 1 << 10
        case .connectorPunctuation: 1 << 11
        case .dashPunctuation: 1 << 12
        case .openPunctuation: 1 << 13
        case .closePunctuation: 1 << 14
        case .initialPunctuation: 1 << 15
        case .finalPunctuation: 1 << 16
        case .otherPunctuation: 1 << 17
        case .mathSymbol: 1 << 18
        case .currencySymbol: 1 << 19
        case .modifierSymbol: 1 << 20
        case .otherSymbol: 1 << 21
        case .spaceSeparator: 1 << 22
        case .lineSeparator: 1 << 23
        case .paragraphSeparator: 1 << 24
        case .control: 1 << 25
        case .format: 1 << 26
        case .surrogate: 1 << 27
        case .privateUse: 1 << 28
        case .unassigned: 1 << 29
        @unknown default: 0
        }
    }

    private static func mask(_ categories: Unicode.GeneralCategory...) -> UInt32 {
        categories.reduce(0) { $0 | bit($1) }
    }

    /// Every General_Category name and alias ECMA-262 accepts (its table of
    /// PropertyValueAliases.txt), each mapped to its categories.
    private static let categoryMasks: [String: UInt32] = {
        let letter = mask(.uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter)
        let cased = mask(.uppercaseLetter, .lowercaseLetter, .titlecaseLetter)
        let markMask = mask(.nonspacingMark, .spacingMark, .enclosingMark)
        let number = mask(.decimalNumber, .letterNumber, .otherNumber)
        let punctuation = mask(.connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation)
        let symbol = mask(.mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol)
        let separator = mask(.spaceSeparator, .lineSeparator, .paragraphSeparator)
        let other = mask(.control, .format, .surrogate, .privateUse, .unassigned)
        let entries: [([String], UInt32)] = [
            (["L", "Letter"], letter), (["LC", "Cased_Letter"], cased),
            (["Lu", "Uppercase_Letter"], mask(.uppercaseLetter)), (["Ll", "Lowercase_Letter"], mask(.lowercaseLetter)),
            (["Lt", "Titlecase_Letter"], mask(.titlecaseLetter)), (["Lm", "Modifier_Letter"], mask(.modifierLetter)),
            (["Lo", "Other_Letter"], mask(.otherLetter)),
            (["M", "Mark", "Combining_Mark"], markMask), (["Mn", "Nonspacing_Mark"], mask(.nonspacingMark)),
            (["Mc", "Spacing_Mark"], mask(.spacingMark)), (["Me", "Enclosing_Mark"], mask(.enclosingMark)),
            (["N", "Number"], number), (["Nd", "Decimal_Number", "digit"], mask(.decimalNumber)),
            (["Nl", "Letter_Number"], mask(.letterNumber)), (["No", "Other_Number"], mask(.otherNumber)),
            (["P", "Punctuation", "punct"], punctuation),
            (["Pc", "Connector_Punctuation"], mask(.connectorPunctuation)),
            (["Pd", "Dash_Punctuation"], mask(.dashPunctuation)), (["Ps", "Open_Punctuation"], mask(.openPunctuation)),
            (["Pe", "Close_Punctuation"], mask(.closePunctuation)),
            (["Pi", "Initial_Punctuation"], mask(.initialPunctuation)),
            (["Pf", "Final_Punctuation"], mask(.finalPunctuation)), (["Po", "Other_Punctuation"], mask(.otherPunctuation)),
            (["S", "Symbol"], symbol), (["Sm", "Math_Symbol"], mask(.mathSymbol)),
            (["Sc", "Currency_Symbol"], mask(.currencySymbol)), (["Sk", "Modifier_Symbol"], mask(.modifierSymbol)),
            (["So", "Other_Symbol"], mask(.otherSymbol)),
            (["Z", "Separator"], separator), (["Zs", "Space_Separator"], mask(.spaceSeparator)),
            (["Zl", "Line_Separator"], mask(.lineSeparator)), (["Zp", "Paragraph_Separator"], mask(.paragraphSeparator)),
            (["C", "Other"], other), (["Cc", "Control", "cntrl"], mask(.control)), (["Cf", "Format"], mask(.format)),
            (["Cs", "Surrogate"], mask(.surrogate)), (["Co", "Private_Use"], mask(.privateUse)),
            (["Cn", "Unassigned"], mask(.unassigned)),
        ]
        var table: [String: UInt32] = [:]
        for (names, value) in entries { for name in names { table[name] = value } }
        return table
    }()
}
