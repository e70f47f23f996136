import Testing
@testable import DNNGen

@Test func activationRangeMatchesSpec() {
    #expect(ActivationType(bits: 8, signed: true).min == -128)
    #expect(ActivationType(bits: 8, signed: false).max == 255)
}
