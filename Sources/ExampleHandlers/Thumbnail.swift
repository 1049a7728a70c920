/// What an `images` job returns: `{"thumbnail": "var/thumbnails/sample.thumb.ppm", "width": 128, "height": 96}`.
public struct Thumbnail: Codable, Sendable, Hashable {
    /// The thumbnail's path.
    public var thumbnail: String
    /// Its width in pixels.
    public var width: Int
    /// Its height in pixels.
    public var height: Int
}
