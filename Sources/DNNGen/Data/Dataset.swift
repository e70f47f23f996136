import Foundation

/// A labelled set of 8-bit images, as MNIST and Fashion-MNIST ship them.
///
/// Images keep their raw pixels (0...255) in C order, `[count, 1, rows, cols]`; labels are the
/// class indices. Value semantics: slicing with `prefix` copies.
public struct Dataset: Equatable, Sendable {
    /// Which half of the data: IDX file names start with the raw value.
    public enum Split: String, CaseIterable, Sendable {
        case train
        case test = "t10k"
    }

    /// Where Debian's `dataset-fashion-mnist` installs the gzip'd IDX files.
    public static let defaultFolder = "/usr/share/datasets/fashion-mnist"
    /// How to get the default data, for error messages.
    public static let installHint = "install Fashion-MNIST with 'apt-get install -y dataset-fashion-mnist' or pass --data DIR"

    /// `[1, rows, cols]`: one image.
    public let imageShape: [Int]
    /// Every image, `[count, 1, rows, cols]`, raw pixels.
    public let images: [UInt8]
    public let labels: [UInt8]

    /// - Precondition: `images.count == labels.count × product(imageShape)`.
    public init(imageShape: [Int], images: [UInt8], labels: [UInt8]) {
        precondition(images.count == labels.count * imageShape.reduce(1, *),
                     "\(images.count) pixels is not \(labels.count) images of \(imageShape)")
        self.imageShape = imageShape
        self.images = images
        self.labels = labels
    }

    public var count: Int { labels.count }
    /// Pixels per image.
    public var imageSize: Int { imageShape.reduce(1, *) }

    /// The pixels of image `index`, C order.
    public func image(_ index: Int) -> ArraySlice<UInt8> {
        images[(index * imageSize)..<((index + 1) * imageSize)]
    }

    /// The first `count` images (all of them if there are fewer).
    public func prefix(_ count: Int) -> Dataset {
        let kept = Swift.max(0, Swift.min(count, self.count))
        return Dataset(imageShape: imageShape, images: Array(images[0..<(kept * imageSize)]),
                       labels: Array(labels[0..<kept]))
    }

    /// Reads `<split>-images-idx3-ubyte` and `<split>-labels-idx1-ubyte` from `folder`, each plain
    /// or gzip-compressed (with or without a `.gz` suffix).
    ///
    /// - Throws: `ModelFormatError` naming the folder when a file is missing, else the file at
    ///   fault: not IDX, images not `[N, rows, cols]`, labels not `[N]`, or counts that differ.
    public static func load(folder: String = defaultFolder, split: Split) throws(ModelFormatError) -> Dataset {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ModelFormatError(file: folder, "no such folder (\(installHint))")
        }
        let imagesPath = try findFile(folder: folder, name: "\(split.rawValue)-images-idx3-ubyte")
        let labelsPath = try findFile(folder: folder, name: "\(split.rawValue)-labels-idx1-ubyte")
        let images = try IDX.read(path: imagesPath)
        guard images.shape.count == 3 else {
            throw ModelFormatError(file: imagesPath, "images must have dimensions [N, rows, cols] (magic 0x00000803), found \(images.shape)")
        }
        let labels = try IDX.read(path: labelsPath)
        guard labels.shape.count == 1 else {
            throw ModelFormatError(file: labelsPath, "labels must have dimensions [N] (magic 0x00000801), found \(labels.shape)")
        }
        guard labels.shape[0] == images.shape[0] else {
            throw ModelFormatError(file: labelsPath, "holds \(labels.shape[0]) labels, but \(imagesPath) holds \(images.shape[0]) images")
        }
        return Dataset(imageShape: [1, images.shape[1], images.shape[2]], images: images.values, labels: labels.values)
    }

    /// `folder/name`, or `folder/name.gz` if only that exists.
    private static func findFile(folder: String, name: String) throws(ModelFormatError) -> String {
        let base = (folder as NSString).appendingPathComponent(name)
        for path in [base, base + ".gz"] where FileManager.default.fileExists(atPath: path) {
            return path
        }
        throw ModelFormatError(file: folder, "has neither \(name) nor \(name).gz (\(installHint))")
    }
}
