using CityCard.Client;
using CityCard.Http;
using CityCard.Contracts;

namespace CityCard.Cli.Clearing;

/// <summary>
/// Waiting for a closing window: it closes once the clearing house has posted everything committed before the close
/// was asked, usually within a second or two; a long wait means the projection is behind (see window status).
/// </summary>
internal static class WindowWait
{
    public static async Task<WindowView> UntilClosedAsync(GatewayClient client, DateOnly window, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            var view = ClearingCli.Require(await client.GetWindowAsync(window, ct), $"window {ClearingCli.Day(window)}");
            if (view.Status is WindowStatus.Closed or WindowStatus.Settled or WindowStatus.Aborted)
            {
                return view;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new InvalidOperationException($"Window {ClearingCli.Day(window)} is still {view.Status} after {timeout.TotalSeconds:0} s; see 'citycard window status' for the projection's lag.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
        }
    }
}
