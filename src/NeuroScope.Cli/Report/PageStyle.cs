namespace NeuroScope.Cli.Report;

/// <summary>The look shared by the tour report and the walk-through pages: one stylesheet, embedded in each page.</summary>
internal static class PageStyle
{
    public const string Css = """
        body { font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; margin: 0 auto; max-width: 980px; padding: 1.5rem; color: #1d2330; line-height: 1.55; }
        h1 { margin-bottom: 0.2rem; } h2 { margin-top: 2rem; } .lead { color: #4a5468; margin-top: 0; }
        nav a { margin-right: 1rem; } nav.back { font-size: 0.9rem; margin-bottom: 1rem; }
        section { border-top: 2px solid #e3e7ef; margin-top: 2.5rem; padding-top: 0.5rem; }
        table { border-collapse: collapse; margin: 0.8rem 0; font-size: 0.92rem; max-width: 100%; }
        th, td { border: 1px solid #d5dbe6; padding: 0.3rem 0.65rem; text-align: left; vertical-align: top; }
        caption { text-align: left; font-weight: 600; padding: 0.2rem 0; } ul.notes { color: #39424f; }
        th { background: #f1f4f9; font-weight: 600; } td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        code { background: #f4f6fa; border-radius: 4px; padding: 0.1rem 0.3rem; font-size: 0.92em; }
        pre { background: #f4f6fa; border-radius: 4px; padding: 0.7rem; overflow-x: auto; } pre code { padding: 0; background: none; }
        img, video { max-width: 100%; height: auto; }
        figure { margin: 1.5rem 0; } figure img, figure video { display: block; width: 100%; border: 1px solid #e3e7ef; border-radius: 4px; }
        figcaption { font-size: 0.92rem; color: #4a5468; margin-top: 0.35rem; }
        .failed { color: #b42318; font-weight: 600; } .note { color: #4a5468; font-size: 0.9rem; }
        """;
}
