# Runs flash.Tests.ps1 with the Pester module restored from NuGet and writes one JSON record per test
# ({ Name, Result, Message }) to -ResultFile, for tests/SmartLamp.Flash.Tests/FlashScriptTests.cs.
param(
    [Parameter(Mandatory = $true)][string]$PesterModule,
    [string]$ResultFile
)
$ErrorActionPreference = 'Stop'
Import-Module $PesterModule -Force
$config = New-PesterConfiguration
$config.Run.Path = Join-Path $PSScriptRoot 'flash.Tests.ps1'
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Detailed'
$run = Invoke-Pester -Configuration $config
$records = @($run.Tests | ForEach-Object {
        [ordered]@{
            Name    = $_.Name
            Result  = [string]$_.Result
            Message = (@($_.ErrorRecord | ForEach-Object { $_.ToString() + "`n" + $_.ScriptStackTrace }) -join "`n")
        }
    })
if ($ResultFile) {
    ConvertTo-Json -InputObject $records -Depth 3 | Set-Content -LiteralPath $ResultFile -Encoding utf8
}
Write-Output "pester: $($run.PassedCount) passed, $($run.FailedCount) failed, $($run.SkippedCount) skipped"
if ($run.Result -ne 'Passed') { exit 1 }
exit 0
