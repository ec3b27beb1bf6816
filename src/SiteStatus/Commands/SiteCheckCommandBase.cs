using System;
using System.Management.Automation;
using System.Threading;
using SiteStatus.Checking;

namespace SiteStatus.Commands;

/// <summary>
/// What both cmdlets share: the URL input and the check parameters, the pool's lifetime, and writing results on the pipeline thread only.
/// Workers never write: results wait in the pool until ProcessRecord or EndProcessing takes them.
/// </summary>
public abstract class SiteCheckCommandBase : PSCmdlet, IDisposable
{
    private SiteProbe? _probe;
    private CheckPool<SiteTarget, ProbeOutcome>? _pool;
    private CancellationTokenSource? _runDeadline;

    /// <summary>
    /// <para type="description">The URLs to check. A bare host or host/path (example.com/health) means https. Blank lines and lines that start with # are passed over.</para>
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Url", "Address")]
    [AllowNull]
    [AllowEmptyString]
    [AllowEmptyCollection]
    public string?[] Uri { get; set; } = [];

    /// <summary>
    /// <para type="description">The most checks in flight at once. Input is read only as checks finish. Default 32.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int ThrottleLimit { get; set; } = 32;

    /// <summary>
    /// <para type="description">The bound on one whole check, in seconds: connect, TLS, headers and every redirect. Default 10.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(1, MaximumTimeoutSec)]
    public int TimeoutSec { get; set; } = 10;

    /// <summary>
    /// <para type="description">How many redirects to follow. 0 reports the redirect itself. Default 10.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int MaximumRedirection { get; set; } = 10;

    /// <summary>
    /// <para type="description">Accepts any server certificate: expired, self-signed or for another name.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter SkipCertificateCheck { get; set; }

    /// <summary>
    /// <para type="description">The User-Agent header to send. Default: SiteStatus/ and the module version.</para>
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string UserAgent { get; set; } = ProbeOptions.DefaultUserAgent;

    /// <summary>
    /// <para type="description">When the whole run must end, in seconds from its start. Checks still in flight then end as Timeout; inputs not yet checked come back with Status NotRun. Default: no limit.</para>
    /// </summary>
    [Parameter]
    [ValidateRange(1, MaximumTimeoutSec)]
    public int TotalTimeoutSec { get; set; }

    /// <summary>
    /// <para type="description">Sends the user name and password of a URL (https://user:password@host/) as Basic authentication to that host, and to no other. Without it such a URL is refused. Either way the secret never appears in output, errors or messages.</para>
    /// </summary>
    [Parameter]
    public SwitchParameter AllowCredentialInUri { get; set; }

    // A day: longer is no status check, and it keeps the timer within every runtime's range.
    private const int MaximumTimeoutSec = 86_400;

    /// <inheritdoc/>
    public void Dispose()
    {
        _pool?.Dispose();
        _probe?.Dispose();
        _runDeadline?.Dispose();
        GC.SuppressFinalize(this);
    }

    private bool DeadlinePassed => _runDeadline?.IsCancellationRequested == true;

    /// <summary>Whether checks collect timings, the certificate and the redirect chain.</summary>
    private protected virtual bool Diagnose => false;

    /// <summary>Writes one finished check in the cmdlet's own shape.</summary>
    private protected abstract void WriteOutcome(ProbeOutcome outcome);

    /// <inheritdoc/>
    protected override void BeginProcessing()
    {
        if (SkipCertificateCheck)
        {
            WriteWarning("-SkipCertificateCheck: server certificates are not validated, so any server on the path can pose as these sites.");
        }

        _runDeadline = MyInvocation.BoundParameters.ContainsKey(nameof(TotalTimeoutSec)) ? new CancellationTokenSource(TimeSpan.FromSeconds(TotalTimeoutSec)) : null;
        var probe = new SiteProbe(new ProbeOptions
        {
            Timeout = TimeSpan.FromSeconds(TimeoutSec),
            MaximumRedirection = MaximumRedirection,
            SkipCertificateCheck = SkipCertificateCheck,
            UserAgent = UserAgent,
            MaximumConnectionsPerServer = ThrottleLimit,
            Diagnose = Diagnose,
        },
        _runDeadline?.Token ?? CancellationToken.None);
        _probe = probe;
        _pool = new CheckPool<SiteTarget, ProbeOutcome>(ThrottleLimit, probe.CheckAsync);
    }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        var pool = _pool!;
        foreach (var text in Uri)
        {
            if (text is null)
            {
                WriteInputError(new InputError(InputError.InvalidUri, "The URL is null.", null));
                continue;
            }

            if (SiteTarget.IsIgnorable(text))
            {
                continue;
            }

            var target = SiteTarget.Parse(text, AllowCredentialInUri, out var error);
            if (target is null)
            {
                WriteInputError(error!);
                continue;
            }

            while (pool.IsFull && !DeadlinePassed)
            {
                Emit(Take(pool));
            }

            if (DeadlinePassed)
            {
                Emit(new Completed<SiteTarget, ProbeOutcome>(target, _probe!.NotRun(target), null));
                continue;
            }

            pool.Start(target);
            while (pool.TryTake(out var done))
            {
                Emit(done);
            }
        }
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        var pool = _pool!;
        while (pool.Pending > 0)
        {
            Emit(Take(pool));
        }
    }

    /// <inheritdoc/>
    protected override void StopProcessing() => _pool?.Cancel();

    private void WriteInputError(InputError error) =>
        WriteError(new ErrorRecord(new ArgumentException(error.Message), error.ErrorId, ErrorCategory.InvalidArgument, error.ShownInput));

    private static Completed<SiteTarget, ProbeOutcome> Take(CheckPool<SiteTarget, ProbeOutcome> pool)
    {
        try
        {
            return pool.Take();
        }
        catch (OperationCanceledException)
        {
            throw new PipelineStoppedException();
        }
    }

    private void Emit(Completed<SiteTarget, ProbeOutcome> done)
    {
        try
        {
            if (done.Output is { } outcome)
            {
                WriteOutcome(outcome);
            }
            else
            {
                WriteError(new ErrorRecord(done.Fault, "CheckFailed", ErrorCategory.NotSpecified, done.Input.Display));
            }
        }
        catch (PipelineStoppedException)
        {
            // Select-Object -First, or a stop: end the checks in flight now, not when the pipeline is disposed.
            _pool?.Cancel();
            throw;
        }
    }
}
