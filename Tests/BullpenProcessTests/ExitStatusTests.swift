import Testing
@testable import BullpenProcess
