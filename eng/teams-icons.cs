#:package SkiaSharp@3.119.0
#:package SkiaSharp.NativeAssets.Linux.NoDependencies@3.119.0
#:property ManagePackageVersionsCentrally=false
#:property TreatWarningsAsErrors=false

// Draws the Teams app icons into src/ChatAnalyst.Bot/appPackage: color.png (192x192, the glyph in the central
// 96x96 on the accent colour) and outline.png (32x32, a white glyph on transparent). Run from the repository root:
//   dotnet run eng/teams-icons.cs
// The glyph is a speech bubble holding three rising bars: a chat that answers with figures.
using SkiaSharp;

var folder = args.Length > 0 ? args[0] : Path.Combine("src", "ChatAnalyst.Bot", "appPackage");
var accent = SKColor.Parse("#1F4E79");
Write(Path.Combine(folder, "color.png"), 192, canvas =>
{
    canvas.Clear(accent);
    Glyph(canvas, SKRect.Create(48, 48, 96, 96), SKColors.White, accent, outline: false);
});
Write(Path.Combine(folder, "outline.png"), 32, canvas =>
{
    canvas.Clear(SKColors.Transparent);
    Glyph(canvas, SKRect.Create(1, 1, 30, 30), SKColors.White, SKColors.Transparent, outline: true);
});

static void Write(string path, int size, Action<SKCanvas> draw)
{
    using var surface = SKSurface.Create(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Unpremul));
    draw(surface.Canvas);
    using var image = surface.Snapshot();
    using var png = image.Encode(SKEncodedImageFormat.Png, 100);
    File.WriteAllBytes(path, png.ToArray());
    Console.WriteLine($"Wrote {path} ({size}x{size})");
}

// The bubble is filled (colour icon) or stroked (outline icon); the bars are cut out of a filled bubble and drawn
// white in a stroked one.
static void Glyph(SKCanvas canvas, SKRect box, SKColor ink, SKColor cutout, bool outline)
{
    SKPoint At(float x, float y) => new(box.Left + (x * box.Width), box.Top + (y * box.Height));
    using var bubble = new SKPath();
    var body = new SKRect(At(0.04f, 0.06f).X, At(0.04f, 0.06f).Y, At(0.96f, 0.74f).X, At(0.96f, 0.74f).Y);
    bubble.AddRoundRect(body, box.Width * 0.16f, box.Height * 0.16f);
    using var tail = new SKPath();
    tail.MoveTo(At(0.20f, 0.70f));
    tail.LineTo(At(0.14f, 0.96f));
    tail.LineTo(At(0.46f, 0.70f));
    tail.Close();
    using var shape = bubble.Op(tail, SKPathOp.Union);
    var stroke = box.Width * 0.085f;
    using var paint = new SKPaint
    {
        Color = ink,
        IsAntialias = true,
        Style = outline ? SKPaintStyle.Stroke : SKPaintStyle.Fill,
        StrokeWidth = stroke,
        StrokeJoin = SKStrokeJoin.Round,
    };
    if (outline)
    {
        // Keep the stroke inside the box: inset the path by half its width.
        canvas.Save();
        canvas.Translate(box.MidX, box.MidY);
        var scale = (box.Width - stroke) / box.Width;
        canvas.Scale(scale);
        canvas.Translate(-box.MidX, -box.MidY);
        canvas.DrawPath(shape, paint);
        canvas.Restore();
    }
    else
    {
        canvas.DrawPath(shape, paint);
    }

    using var bars = new SKPaint { Color = outline ? ink : cutout, IsAntialias = true, Style = SKPaintStyle.Fill };
    var heights = new[] { 0.16f, 0.28f, 0.40f };
    for (var i = 0; i < heights.Length; i++)
    {
        var left = 0.25f + (i * 0.18f);
        var top = At(left, 0.60f - heights[i]);
        var bottom = At(left + 0.13f, 0.60f);
        canvas.DrawRoundRect(new SKRect(top.X, top.Y, bottom.X, bottom.Y), box.Width * 0.02f, box.Width * 0.02f, bars);
    }
}
