import Glibc
import Testing

@testable import BullpenProcess

@Suite struct ProcessEnvironmentTests {
    @Test func currentMatchesGetenv() throws {
        let environment = ProcessEnvironment.current()
        let path = try #require(getenv("PATH"))
        #expect(ProcessEnvironment.value("PATH", in: environment) == String(cString: path))
        #expect(environment.allSatisfy { $0.contains("=") })
    }

    @Test func valueTakesTheFirstEntry() {
        let environment = ["A=1", "AB=2", "A=3", "EMPTY="]
        #expect(ProcessEnvironment.value("A", in: environment) == "1")
        #expect(ProcessEnvironment.value("AB", in: environment) == "2")
        #expect(ProcessEnvironment.value("EMPTY", in: environment) == "")
        #expect(ProcessEnvironment.value("B", in: environment) == nil)
    }

    @Test func updatingSetsInPlaceRemovesAndAppends() {
        let environment = ["A=1", "NOTIFY_SOCKET=/run/x", "B=2", "A=shadowed"]
        let updated = ProcessEnvironment.updating(
            environment, with: ["A": "new", "NOTIFY_SOCKET": nil, "Z": "26", "C": "3", "GONE": nil])
        #expect(updated == ["A=new", "B=2", "C=3", "Z=26"])
    }
}
