using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using SiteStatus.Checking;
using Xunit;

namespace SiteStatus.Tests;

public sealed class CheckPoolTests
{
    [Fact]
    public void FailedCheck_ComesBackAsAFault_NotLost()
    {
        using var pool = new CheckPool<int, string>(2, async (n, _) =>
        {
            await Task.Yield();
            return n == 2 ? throw new InvalidOperationException("boom") : n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        });
        var done = new List<Completed<int, string>>();

        foreach (var n in new[] { 1, 2, 3 })
        {
            while (pool.IsFull)
            {
                done.Add(Take(pool));
            }

            pool.Start(n);
        }

        while (pool.Pending > 0)
        {
            done.Add(Take(pool));
        }

        Assert.Equal([1, 2, 3], done.Select(d => d.Input).Order());
        var failed = Assert.Single(done, d => d.Fault is not null);
        Assert.Equal(2, failed.Input);
        Assert.Equal("boom", failed.Fault!.Message);
    }

    [Fact]
    public void TryTake_WithNothingFinished_ReturnsFalseAfterTheWait()
    {
        using var pool = new CheckPool<int, int>(1, async (n, token) =>
        {
            await Task.Delay(TimeSpan.FromMinutes(1), token);
            return n;
        });
        pool.Start(1);

        Assert.False(pool.TryTake(out _, TimeSpan.FromMilliseconds(50)));
        Assert.Equal(1, pool.Pending);
    }

    [Fact]
    public void Start_WhenFull_Throws()
    {
        using var pool = new CheckPool<int, int>(1, async (n, token) =>
        {
            await Task.Delay(TimeSpan.FromMinutes(1), token);
            return n;
        });

        pool.Start(1);

        Assert.True(pool.IsFull);
        Assert.Throws<InvalidOperationException>(() => pool.Start(2));
    }

    [Fact]
    public void Take_AfterCancel_ThrowsOperationCanceled()
    {
        using var pool = new CheckPool<int, int>(1, async (n, token) =>
        {
            await Task.Delay(TimeSpan.FromMinutes(1), token);
            return n;
        });
        pool.Start(1);

        pool.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => pool.TryTake(out _, TimeSpan.FromSeconds(10)));
    }

    private static Completed<int, string> Take(CheckPool<int, string> pool)
    {
        Assert.True(pool.TryTake(out var done, TimeSpan.FromSeconds(10)));
        return done;
    }
}
