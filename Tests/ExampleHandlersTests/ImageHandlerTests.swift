import BullpenCore
import BullpenWorker
@testable import ExampleHandlers
import Foundation
import Testing

@Suite struct ImageHandlerTests {
    /// A sandbox and a handler writing thumbnails to `<sandbox>/thumbs`.
    func setup() throws -> (Sandbox, ImageHandler) {
        let sandbox = try Sandbox()
        return (sandbox, ImageHandler(thumbnails: sandbox.path("thumbs")))
    }

    /// An 8x6 pattern whose 2x2 block means are known by hand: red = 10x + y (block mean 20i + 2j + 5.5,
    /// rounded up), green = a 1-pixel checkerboard of 255 and 0 (mean 127.5 → 128), blue = 100 on odd
    /// columns plus 50 on odd rows (mean 75).
    static let grid: PixelImage = {
        var samples: [UInt16] = []
        for y in 0..<6 {
            for x in 0..<8 {
                samples += [UInt16(10 * x + y), (x + y) % 2 == 0 ? 255 : 0, UInt16((x % 2) * 100 + (y % 2) * 50)]
            }
        }
        return PixelImage(width: 8, height: 6, channels: 3, samples: samples)
    }()

    @Test func theThumbnailAveragesBlocksAndTheJobRecordsItsProgress() async throws {
        let (sandbox, handler) = try setup()
        defer { sandbox.remove() }
        let input = try sandbox.write("in/grid.ppm", Self.grid.netpbm())
        let job = try await run(#"{"path":"\#(input)","maxSide":4}"#, through: handler, queue: "images")
        #expect(job.state == .completed)
        let output = sandbox.path("thumbs/grid.thumb.ppm")
        #expect(job.returnValue == #"{"height":3,"thumbnail":"\#(output)","width":4}"#)
        #expect(job.progress == #"{"percent":100,"step":"written"}"#)
        let thumbnail = try PixelImage(netpbm: [UInt8](try Data(contentsOf: URL(fileURLWithPath: output))))
        #expect((thumbnail.width, thumbnail.height, thumbnail.channels) == (4, 3, 3))
        for j in 0..<3 {
            for i in 0..<4 {
                #expect(Array(thumbnail[i, j]) == [UInt16(20 * i + 2 * j + 6), 128, 75], "block (\(i), \(j))")
            }
        }
    }

    @Test func progressIsReportedAfterEachStepInOrder() async throws {
        let (sandbox, handler) = try setup()
        defer { sandbox.remove() }
        let input = try sandbox.write("grid.ppm", Self.grid.netpbm())
        let queue = try makeQueue("images")
        let job = try await run([NewJob("thumb", json: #"{"path":"\#(input)","maxSide":4}"#)], through: handler, on: queue)[0]
        #expect(job.state == .completed)
        let events = try await queue.events()
        #expect(events.filter { $0.name == "progress" }.compactMap { $0.fields["progress"] } == [
            #"{"percent":33,"step":"decoded"}"#, #"{"percent":66,"step":"resized"}"#, #"{"percent":100,"step":"written"}"#,
        ])
    }

    @Test(arguments: [
        ("bad.ppm", Array("GIF89a\u{1}\u{0}".utf8), "bad magic \"GI\" (expected P2, P3, P5 or P6)"),
        ("short.ppm", Array("P6\n4 4\n255\n".utf8) + [UInt8](repeating: 7, count: 10), "truncated: 10 of 48 pixel bytes"),
        ("header.ppm", Array("P6\n4 x\n255\n".utf8), "the height is not a number (found \"x\")"),
        ("ascii.ppm", Array("P3\n2 1\n255\n1 2 3 4 5".utf8), "truncated: 5 of 6 samples"),
        ("empty.pgm", [], "bad magic: the file is empty"),
    ])
    func aMalformedImageFailsWithoutRetryNamingThePathAndTheProblem(name: String, bytes: [UInt8], problem: String) async throws {
        let (sandbox, handler) = try setup()
        defer { sandbox.remove() }
        let path = try sandbox.write(name, bytes)
        let job = try await run(#"{"path":"\#(path)"}"#, through: handler, queue: "images", attempts: 3)
        #expect(job.state == .failed && job.attemptsMade == 1)
        #expect(job.failedReason == "image \(path) is not a usable Netpbm image: \(problem)")
        #expect(sandbox.files(in: "thumbs").isEmpty)
    }

    @Test func aMissingImageFailsWithoutRetry() async throws {
        let (sandbox, handler) = try setup()
        defer { sandbox.remove() }
        let job = try await run(#"{"path":"\#(sandbox.path("nope.ppm"))"}"#, through: handler, queue: "images", attempts: 3)
        #expect(job.state == .failed && job.attemptsMade == 1)
        #expect(job.failedReason?.hasPrefix("image \(sandbox.path("nope.ppm")) cannot be read") == true)
    }

    @Test func aGreyImageGetsAGreyThumbnail() async throws {
        let (sandbox, handler) = try setup()
        defer { sandbox.remove() }
        let grey = PixelImage(width: 300, height: 200, channels: 1, samples: [UInt16](repeating: 77, count: 300 * 200))
        let input = try sandbox.write("grey.pgm", grey.netpbm())
        let job = try await run(#"{"path":"\#(input)"}"#, through: handler, queue: "images")
        #expect(job.state == .completed)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: sandbox.path("thumbs/grey.thumb.pgm"))))
        let thumbnail = try PixelImage(netpbm: bytes)
        #expect(bytes.starts(with: Array("P5\n".utf8)))
        // 200 * 128 / 300 = 85.3; fractional box weights still sum to one, so a flat image stays flat.
        #expect((thumbnail.width, thumbnail.height) == (128, 85))
        #expect(thumbnail.samples.allSatisfy { $0 == 77 })
    }

    @Test(arguments: [
        ((256, 192, 128), (128, 96)), ((192, 256, 128), (96, 128)), ((300, 200, 128), (128, 85)),
        ((100, 50, 128), (100, 50)), ((1000, 1, 10), (10, 1)),
    ])
    func fittedSizeKeepsTheAspectRatio(input: (Int, Int, Int), expected: (Int, Int)) {
        let size = PixelImage.fittedSize(width: input.0, height: input.1, maxSide: input.2)
        #expect(size.width == expected.0 && size.height == expected.1)
    }

    @Test func asciiAndSixteenBitImagesDecode() throws {
        let ascii = try PixelImage(netpbm: Array("P3\n# a comment\n2 1\n255\n255 0 0\n0 0 255\n".utf8))
        #expect(ascii == PixelImage(width: 2, height: 1, channels: 3, samples: [255, 0, 0, 0, 0, 255]))
        let deep = PixelImage(width: 2, height: 2, channels: 1, maxValue: 65535, samples: [0, 256, 65535, 4660])
        #expect(try PixelImage(netpbm: deep.netpbm()) == deep)
    }

    @Test func resizingStopsWhenTheTaskIsCancelled() async throws {
        let image = PixelImage(width: 64, height: 64, channels: 1, samples: [UInt16](repeating: 1, count: 64 * 64))
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try image.thumbnail(maxSide: 8)
        }
        await #expect(throws: CancellationError.self) { try await task.value }
    }
}
