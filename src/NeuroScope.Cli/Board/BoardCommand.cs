using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using NeuroScope.Experiments;

namespace NeuroScope.Cli.Board;

/// <summary><c>neuroscope board</c>: serves the runs folder as a local web app until Ctrl+C.</summary>
internal static class BoardCommand
{
    /// <summary>The port the board listens on unless --port says otherwise.</summary>
    public const int DefaultPort = 6060;

    public static Command Create(TextWriter output, TextWriter error, ExperimentRegistry experiments)
    {
        var runsDir = new Option<string>("--runs-dir") { Description = "The runs folder to show (runs at any depth, tour and sweep runs included).", DefaultValueFactory = _ => "runs" };
        var port = new Option<string>("--port") { Description = $"The port to listen on (1..65535; 0 for any free port). [default: {DefaultPort}]", HelpName = "integer" };
        var host = new Option<string>("--host") { Description = "The address to listen on: 127.0.0.1 is this machine only; any other address is reachable from the network, prints a warning and turns launching off unless --allow-launch. [default: 127.0.0.1]", HelpName = "address" };
        var open = new Option<bool>("--open") { Description = "Open the board in the default web browser." };
        var allowLaunch = new Option<bool>("--allow-launch") { Description = "Allow the launch form when listening beyond this machine (anyone who can reach the board can then start runs)." };
        var command = new Command("board", "Watch runs live in the browser: every run with its headline numbers, interactive charts that grow while a run trains, 3-D surfaces, runs compared side by side, and a form that starts new runs.\n\nExamples:\n  neuroscope board\n  neuroscope board --runs-dir ./my-runs --port 8080 --open")
        {
            runsDir, port, host, open, allowLaunch,
        };
        command.SetAction(parse =>
        {
            var cli = CommonOptions.Context(parse, output, error);
            var settings = Settings(parse.GetValue(runsDir)!, parse.GetValue(port), parse.GetValue(host), parse.GetValue(allowLaunch), cli);
            BoardServer server;
            try
            {
                server = BoardServer.StartAsync(settings, experiments).GetAwaiter().GetResult();
            }
            catch (Exception e) when (e is IOException or SocketException)
            {
                throw new UsageException(BindFailure(settings, e));
            }
            cli.Output.WriteLine($"NeuroScope board: {server.Address}  (runs in {Path.GetFullPath(settings.RunsRoot)}; Ctrl+C stops it)");
            if (parse.GetValue(open))
                OpenBrowser(server.Address, cli);
            server.WaitAsync(Interrupts.Token).GetAwaiter().GetResult();
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
            cli.Output.WriteLine("Board stopped.");
            return CliApp.Success;
        });
        return command;
    }

    /// <summary>Reads and checks the options; bad values throw a <see cref="UsageException"/> naming the option, the value and what is allowed.</summary>
    internal static BoardSettings Settings(string runsDir, string? portText, string? hostText, bool allowLaunch, CliContext? cli)
    {
        if (string.IsNullOrWhiteSpace(runsDir))
            throw new UsageException("--runs-dir: an empty value is not allowed; give the folder that holds the runs, e.g. --runs-dir runs.");
        if (!Directory.Exists(runsDir))
            throw new UsageException($"--runs-dir: '{MessageText.Shorten(runsDir)}' does not exist; give the folder that holds the runs (make one with, for example, neuroscope dose), or start a run first.");
        int port = DefaultPort;
        if (portText is not null && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port > 65535))
            throw new UsageException($"--port: '{MessageText.Shorten(portText)}' is not allowed; give a whole number 1..65535, or 0 for any free port.");
        IPAddress address = IPAddress.Loopback;
        if (hostText is not null && !hostText.Equals("localhost", StringComparison.OrdinalIgnoreCase) && !IPAddress.TryParse(hostText, out address!))
            throw new UsageException($"--host: '{MessageText.Shorten(hostText)}' is not allowed; give an IP address of this machine, e.g. 127.0.0.1 (this machine only) or 0.0.0.0 (every network).");
        bool local = IPAddress.IsLoopback(address);
        if (!local)
        {
            cli?.Error.WriteLine($"warning: --host {address}: the board is reachable from the network, and it shows every run in the runs folder to anyone who can reach it. "
                + (allowLaunch ? "--allow-launch lets them start runs on this machine too." : "Launching runs from the board is off; --allow-launch turns it on."));
        }
        return new BoardSettings(runsDir, address, port, local || allowLaunch, BoardSettings.DefaultPoll);
    }

    // Kestrel reports a port in use as an IOException around a SocketException, an address this machine lacks as the SocketException itself.
    private static string BindFailure(BoardSettings settings, Exception e)
    {
        var socket = e as SocketException ?? e.InnerException as SocketException;
        return socket?.SocketErrorCode switch
        {
            SocketError.AddressAlreadyInUse => $"--port: {settings.Port} is in use by another program; choose another port with --port, or --port 0 for any free one.",
            SocketError.AddressNotAvailable => $"--host: {settings.Address} is not an address of this machine; give one of its addresses, e.g. 127.0.0.1.",
            SocketError.AccessDenied => $"--port: {settings.Port} needs administrator rights on this system; choose a port above 1023.",
            _ when e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase) => $"--port: {settings.Port} is in use by another program; choose another port with --port, or --port 0 for any free one.",
            _ => $"--host {settings.Address} --port {settings.Port}: the board cannot listen there ({MessageText.Shorten(e.Message)}).",
        };
    }

    private static void OpenBrowser(Uri address, CliContext cli)
    {
        try
        {
            string opener = OperatingSystem.IsWindows() ? "explorer" : OperatingSystem.IsMacOS() ? "open" : "xdg-open";
            using var process = Process.Start(new ProcessStartInfo(opener, address.ToString()) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true });
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            cli.Error.WriteLine($"warning: --open: no web browser could be started ({MessageText.Shorten(e.Message)}); open {address} yourself.");
        }
    }
}
