<#
    From a speedscope file of thread-time samples (dotnet-trace's dotnet-sampled-thread-time profile): the CPU each
    busy thread used, then each frame's share of all CPU time, inclusive and exclusive, counting only the samples whose
    thread was running managed or native code on a CPU. Writes lines of text. tests/bench/Profile.ps1 calls it.
#>
param([Parameter(Mandatory)] [string] $Path)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$document = Get-Content $Path -Raw | ConvertFrom-Json
$names = @($document.shared.frames.name)
$onCpu = [Array]::IndexOf($names, 'CPU_TIME')
$inclusive = [Collections.Generic.Dictionary[int, double]]::new()
$exclusive = [Collections.Generic.Dictionary[int, double]]::new()
$total = 0.0
$threads = foreach ($thread in $document.profiles) {
    $stack = [Collections.Generic.List[int]]::new()
    $last = $null
    $used = 0.0
    foreach ($event in $thread.events) {
        if ($null -ne $last -and $stack.Count -gt 1 -and $stack[$stack.Count - 1] -eq $onCpu) {
            $span = $event.at - $last
            $used += $span
            $exclusive[$stack[$stack.Count - 2]] = $exclusive[$stack[$stack.Count - 2]] + $span
            foreach ($frame in [Linq.Enumerable]::Distinct($stack)) { if ($frame -ne $onCpu) { $inclusive[$frame] = $inclusive[$frame] + $span } }
        }
        $last = $event.at
        if ($event.type -eq 'O') { $stack.Add($event.frame) } elseif ($stack.Count) { $stack.RemoveAt($stack.Count - 1) }
    }
    $total += $used
    [pscustomobject]@{ Thread = $thread.name; CpuMs = [math]::Round($used) }
}

'{0:0} ms of CPU in all threads; the busiest:' -f $total
$threads | Sort-Object CpuMs -Descending | Select-Object -First 6 | ForEach-Object { '  {0,-18} {1,6} ms' -f $_.Thread, $_.CpuMs }
foreach ($table in @{ Name = 'Inclusive'; Data = $inclusive }, @{ Name = 'Exclusive'; Data = $exclusive }) {
    "Top frames by $($table.Name.ToLowerInvariant()) CPU:"
    $table.Data.GetEnumerator() | Sort-Object Value -Descending | Select-Object -First 50 |
        ForEach-Object { '{0,5:0.0}% {1}' -f (100 * $_.Value / $total), ($names[$_.Key] -replace '^[^!]*!', '' -replace '(.{120}).+', '$1') }
}
