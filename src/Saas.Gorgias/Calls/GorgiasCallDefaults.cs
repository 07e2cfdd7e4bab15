namespace Saas.Gorgias.Calls;

/// <summary>
/// The default gate: lets every attempt through and ignores what responses say. The app replaces it with the
/// account budget; 429s are still retried after <c>Retry-after</c> by the resilience pipeline.
/// </summary>
internal sealed class PassThroughRateGate : IGorgiasRateGate
{
    public ValueTask WaitAsync(GorgiasCaller caller, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask ObserveAsync(GorgiasCaller caller, GorgiasRateObservation observation, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}

/// <summary>The default token source: none. Callers must carry a fixed token until the app registers its tenant workers.</summary>
internal sealed class NoAccessTokens : IGorgiasAccessTokens
{
    private const string Message = "No token source; use GorgiasCaller.WithAccessToken or register the tenant workers (an IGorgiasAccessTokens).";

    public ValueTask<string> GetAsync(GorgiasCaller caller, CancellationToken cancellationToken) => throw new InvalidOperationException(Message);

    public ValueTask<string> RenewAsync(GorgiasCaller caller, string rejectedToken, CancellationToken cancellationToken) => throw new InvalidOperationException(Message);
}
